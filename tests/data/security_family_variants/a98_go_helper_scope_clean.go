// clean: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/notes.go
package api

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) ownedNote(ctx context.Context, id, userID string) (*Note, error) {
	var n Note
	err := s.db.QueryRowContext(ctx,
		"SELECT id, body FROM notes WHERE id = $1 AND user_id = $2", id, userID).Scan(&n.ID, &n.Body)
	return &n, err
}

func (s *Server) getNote(w http.ResponseWriter, r *http.Request) {
	user := userFrom(r.Context())
	n, err := s.ownedNote(r.Context(), chi.URLParam(r, "id"), user.ID)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, n)
}
