// clean: GO-SQL-STRING
package api

import (
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Handler struct{ pool *pgxpool.Pool }

func orderColumn(sort string) string {
	switch sort {
	case "name":
		return "display_name"
	case "seen":
		return "last_seen_at"
	default:
		return "created_at"
	}
}

func (h *Handler) ListDevices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	dir := "DESC"
	if q.Get("dir") == "asc" {
		dir = "ASC"
	}
	sql := fmt.Sprintf("SELECT id, display_name, last_seen_at FROM devices WHERE org_id = $1 ORDER BY %s %s LIMIT 100", orderColumn(q.Get("sort")), dir)
	rows, err := h.pool.Query(r.Context(), sql, orgID(r))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	devices, err := pgx.CollectRows(rows, pgx.RowToMap)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	writeJSON(w, devices)
}
