// clean: GO-OPEN-REDIRECT
package web

import (
	"net/http"
	"net/url"
	"strings"
)

func localPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") {
		return "/app"
	}
	return u.RequestURI()
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	next := localPath(r.FormValue("next"))
	user, err := s.auth.Check(r.Context(), r.FormValue("email"), r.FormValue("password"))
	if err != nil {
		s.render(w, "login.html", map[string]any{"Error": "invalid credentials"})
		return
	}
	s.sessions.Put(r.Context(), "user_id", user.ID)
	http.Redirect(w, r, next, http.StatusSeeOther)
}
