// want: GO-ERROR-ANSWERED-OK
package handlers

func (h *Handler) DeleteAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	err := h.accounts.Delete(r.Context(), id)
	if err != nil {
		log.Printf("delete account %s: %v", id, err)
	}
	w.WriteHeader(http.StatusNoContent)
}
