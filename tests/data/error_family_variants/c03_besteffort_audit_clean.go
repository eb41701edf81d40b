// clean: GO-ERROR-ANSWERED-OK
package handlers

func (h *Handler) DeleteAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if err := h.accounts.Delete(r.Context(), id); err != nil {
		http.Error(w, "could not delete", http.StatusInternalServerError)
		return
	}
	if err := h.audit.Record(r.Context(), "account.delete", id); err != nil {
		h.log.Warn("audit record", "err", err)
	}
	w.WriteHeader(http.StatusNoContent)
}
