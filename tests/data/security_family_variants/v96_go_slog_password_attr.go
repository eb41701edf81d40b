// want: GO-SECRET-IN-LOG
package api

import (
	"log/slog"
	"net/http"
)

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	password := r.FormValue("password")
	slog.Debug("login attempt", "email", email, "password", password)
	if err := s.auth.Check(r.Context(), email, password); err != nil {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
