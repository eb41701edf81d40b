// clean: GO-ERR-LOGGED-CONTINUES
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (a *API) GetTeam(w http.ResponseWriter, r *http.Request) {
	team, err := a.teams.Get(r.Context(), a.orgID(r), chi.URLParam(r, "teamID"))
	if err != nil {
		slog.ErrorContext(r.Context(), "get team", "err", err)
		a.writeError(w, r, err)
		return
	}
	members, err := a.teams.Members(r.Context(), team.ID)
	if err != nil {
		slog.WarnContext(r.Context(), "team members unavailable", "team", team.ID, "err", err)
		members = nil
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"team": team, "members": members})
}
