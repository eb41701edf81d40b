// clean: GO-COOKIE-INSECURE
package api

import (
	"net/http"
	"time"
)

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	sess, err := s.sessions.Create(r.Context(), r.FormValue("email"), r.FormValue("password"))
	if err != nil {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: "session", Value: sess.ID, Path: "/", Expires: time.Now().Add(24 * time.Hour),
		HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
