// want: GO-SQL-STRING
package api

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
)

type InvoiceHandler struct{ DB *sql.DB }

func (h *InvoiceHandler) List(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	q := fmt.Sprintf("SELECT id, number, total FROM invoices WHERE status = '%s' ORDER BY issued_at DESC", status)
	rows, err := h.DB.QueryContext(r.Context(), q)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	out := scanInvoices(rows)
	json.NewEncoder(w).Encode(out)
}
