// clean: GO-SQL-STRING
package api

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

type InvoiceHandler struct{ DB *sql.DB }

func (h *InvoiceHandler) Recent(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 500 {
		limit = 50
	}
	q := fmt.Sprintf("SELECT id, number, total FROM invoices ORDER BY issued_at DESC LIMIT %d", limit)
	rows, err := h.DB.QueryContext(r.Context(), q)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	json.NewEncoder(w).Encode(scanInvoices(rows))
}
