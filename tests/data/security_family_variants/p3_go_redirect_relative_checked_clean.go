// clean: GO-OPEN-REDIRECT
package auth

import (
	"net/http"
	"net/url"
	"strings"
)

func localPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") {
		return "/app"
	}
	return u.RequestURI()
}

func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Complete(w, r); err != nil {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, localPath(r.URL.Query().Get("return_to")), http.StatusFound)
}
