package billing

import "net/http"

func (h *Handler) invoices(w http.ResponseWriter, r *http.Request) {
	accountID := auth.AccountID(r.Context())
	if requested := r.URL.Query().Get("account"); requested != "" {
		accountID = requested // expect: ANY-CALLER-SCOPE-OVERRIDDEN
	}
	h.render(w, h.store.Invoices(r.Context(), accountID))
}

func (h *Handler) usage(w http.ResponseWriter, r *http.Request) {
	accountID := auth.AccountID(r.Context())
	if requested := r.URL.Query().Get("account"); requested != "" {
		if !auth.IsMember(r.Context(), requested) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		accountID = requested
	}
	h.render(w, h.store.Usage(r.Context(), accountID))
}
