// clean: GO-COOKIE-INSECURE
package web

import "net/http"

var baseCookie = http.Cookie{Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode}

func setRefresh(w http.ResponseWriter, token string) {
	c := baseCookie
	c.Name = "refresh"
	c.Value = token
	c.MaxAge = 30 * 24 * 3600
	http.SetCookie(w, &c)
}
