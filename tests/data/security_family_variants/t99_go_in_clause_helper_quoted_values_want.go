// want: GO-SQL-STRING
package api

import (
	"net/http"
	"strings"

	"github.com/jmoiron/sqlx"
)

type Handler struct{ DB *sqlx.DB }

func inList(values []string) string {
	quoted := make([]string, 0, len(values))
	for _, v := range values {
		quoted = append(quoted, "'"+v+"'")
	}
	return "(" + strings.Join(quoted, ", ") + ")"
}

func (h *Handler) Tags(w http.ResponseWriter, r *http.Request) {
	tags := r.URL.Query()["tag"]
	rows, err := h.DB.QueryxContext(r.Context(), "SELECT id, name FROM posts WHERE tag IN "+inList(tags))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writePosts(w, rows)
}
