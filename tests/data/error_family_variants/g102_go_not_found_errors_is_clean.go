// clean: GO-NOT-FOUND-AS-500
package api

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
)

func (a *API) GetWorkspace(w http.ResponseWriter, r *http.Request) {
	ws, err := a.q.GetWorkspace(r.Context(), chi.URLParam(r, "slug"))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		http.Error(w, "not found", http.StatusNotFound)
		return
	case err != nil:
		a.log.ErrorContext(r.Context(), "get workspace", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	a.json(w, http.StatusOK, ws)
}
