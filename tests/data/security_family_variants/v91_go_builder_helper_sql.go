// want: GO-SQL-STRING
package api

import (
	"database/sql"
	"net/http"
	"strings"
)

type EventsHandler struct{ DB *sql.DB }

func writeFilters(b *strings.Builder, kind, actor string) {
	if kind != "" {
		b.WriteString(" AND kind = '" + kind + "'")
	}
	if actor != "" {
		b.WriteString(" AND actor = '" + actor + "'")
	}
}

func (h *EventsHandler) List(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var b strings.Builder
	b.WriteString("SELECT id, kind, actor FROM events WHERE 1=1")
	writeFilters(&b, q.Get("kind"), q.Get("actor"))
	rows, err := h.DB.QueryContext(r.Context(), b.String())
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeEvents(w, rows)
}
