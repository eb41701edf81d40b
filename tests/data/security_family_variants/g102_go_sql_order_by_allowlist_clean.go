// clean: GO-SQL-STRING
package handlers

import (
	"fmt"
	"net/http"
)

var sortColumns = map[string]string{
	"name":    "p.name",
	"created": "p.created_at",
	"price":   "p.price_cents",
}

func (h *Handler) ListProducts(w http.ResponseWriter, r *http.Request) {
	col, ok := sortColumns[r.URL.Query().Get("sort")]
	if !ok {
		col = "p.created_at"
	}
	dir := "ASC"
	if r.URL.Query().Get("order") == "desc" {
		dir = "DESC"
	}
	q := fmt.Sprintf("SELECT p.id, p.name, p.price_cents FROM products p WHERE p.shop_id = $1 ORDER BY %s %s", col, dir)
	rows, err := h.db.QueryContext(r.Context(), q, r.PathValue("shop"))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	h.writeProducts(w, rows)
}
