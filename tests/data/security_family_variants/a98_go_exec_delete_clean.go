// clean: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/webhooks.go
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	claims := claimsFrom(r.Context())
	if claims == nil {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	res, err := s.db.ExecContext(r.Context(),
		"DELETE FROM webhooks WHERE id = $1 AND org_id = $2", chi.URLParam(r, "id"), claims.OrgID)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		http.NotFound(w, r)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
