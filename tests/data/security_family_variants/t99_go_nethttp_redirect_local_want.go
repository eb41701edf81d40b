// want: GO-OPEN-REDIRECT
package web

import (
	"net/http"
)

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	next := r.FormValue("next")
	if next == "" {
		next = "/app"
	}
	user, err := s.auth.Check(r.Context(), r.FormValue("email"), r.FormValue("password"))
	if err != nil {
		s.render(w, "login.html", map[string]any{"Error": "invalid credentials", "Next": next})
		return
	}
	s.sessions.Put(r.Context(), "user_id", user.ID)
	http.Redirect(w, r, next, http.StatusSeeOther)
}
