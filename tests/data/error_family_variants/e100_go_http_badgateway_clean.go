// clean: GO-ERROR-ANSWERED-OK
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"example.com/shop/internal/refunds"
)

type RefundHandler struct {
	Refunds *refunds.Client
}

func (h *RefundHandler) Create(w http.ResponseWriter, r *http.Request) {
	var req refunds.Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if _, err := h.Refunds.Issue(r.Context(), req); err != nil {
		slog.Error("refund issue failed", "order", req.OrderID, "err", err)
		http.Error(w, "refund provider unavailable", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
