// want: GO-SQL-STRING
package api

import (
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Handler struct{ pool *pgxpool.Pool }

func (h *Handler) ListDevices(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	sql := fmt.Sprintf("SELECT id, display_name, last_seen_at FROM devices WHERE org_id = $1 ORDER BY %s LIMIT 100", sort)
	rows, err := h.pool.Query(r.Context(), sql, orgID(r))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	devices, _ := pgx.CollectRows(rows, pgx.RowToMap)
	writeJSON(w, devices)
}
