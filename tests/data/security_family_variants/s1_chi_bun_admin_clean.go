// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/uptrace/bun"

	"example.com/shop/internal/auth"
	"example.com/shop/internal/models"
)

type Orders struct{ db *bun.DB }

func (h *Orders) Routes(r chi.Router) {
	r.Get("/orders/{orderID}", h.get)
	r.With(auth.RequireRole("admin")).Post("/orders/{orderID}/refund", h.refund)
}

func (h *Orders) get(w http.ResponseWriter, r *http.Request) {
	user := auth.UserFromContext(r.Context())
	order := new(models.Order)
	err := h.db.NewSelect().Model(order).
		Where("id = ?", chi.URLParam(r, "orderID")).
		Where("customer_id = ?", user.ID).
		Scan(r.Context())
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(order)
}

func (h *Orders) refund(w http.ResponseWriter, r *http.Request) {
	orderID := chi.URLParam(r, "orderID")
	order := new(models.Order)
	if err := h.db.NewSelect().Model(order).Where("id = ?", orderID).Scan(r.Context()); err != nil {
		http.NotFound(w, r)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
