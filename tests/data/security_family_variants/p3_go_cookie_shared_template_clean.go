// clean: GO-COOKIE-INSECURE
package web

import (
	"net/http"
	"time"
)

func sessionCookie(value string, ttl time.Duration) *http.Cookie {
	return &http.Cookie{
		Name:     "__Host-sid",
		Value:    value,
		Path:     "/",
		MaxAge:   int(ttl.Seconds()),
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
}

func (s *Server) Login(w http.ResponseWriter, r *http.Request) {
	token, err := s.auth.Login(r.Context(), r.FormValue("email"), r.FormValue("password"))
	if err != nil {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, sessionCookie(token, 12*time.Hour))
	http.Redirect(w, r, "/app", http.StatusSeeOther)
}
