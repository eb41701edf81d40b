// want: GO-CONTEXT-DROPPED
package handlers

import (
	"context"
	"encoding/json"
	"net/http"
)

func (h *Handler) ListOrders(w http.ResponseWriter, r *http.Request) {
	uid := h.userID(r)
	orders, err := h.store.OrdersFor(context.Background(), uid)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(orders)
}
