// clean: GO-OPEN-REDIRECT
package oauth

import (
	"net/http"
	"net/url"
)

func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	dest, err := url.Parse(state)
	if err != nil || dest.IsAbs() || dest.Host != "" {
		dest = &url.URL{Path: "/"}
	}
	if err := h.exchange(r.Context(), r.URL.Query().Get("code")); err != nil {
		http.Error(w, "login failed", http.StatusBadGateway)
		return
	}
	http.Redirect(w, r, dest.RequestURI(), http.StatusFound)
}
