// clean: GO-SQL-STRING
package api

import (
	"database/sql"
	"net/http"
	"strings"
)

type EventsHandler struct{ DB *sql.DB }

func writeFilters(b *strings.Builder, args []any, kind, actor string) []any {
	if kind != "" {
		args = append(args, kind)
		b.WriteString(" AND kind = ?")
	}
	if actor != "" {
		args = append(args, actor)
		b.WriteString(" AND actor = ?")
	}
	return args
}

func (h *EventsHandler) List(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var b strings.Builder
	b.WriteString("SELECT id, kind, actor FROM events WHERE 1=1")
	args := writeFilters(&b, nil, q.Get("kind"), q.Get("actor"))
	rows, err := h.DB.QueryContext(r.Context(), b.String(), args...)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeEvents(w, rows)
}
