// want: GO-ERR-COMPARE
package accounts

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	acct, err := h.store.Insert(r.Context(), parseAccount(r))
	if err != nil {
		if strings.Contains(err.Error(), "duplicate key") {
			http.Error(w, "account exists", http.StatusConflict)
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusCreated, acct)
}
