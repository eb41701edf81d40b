// want: GO-OPEN-REDIRECT
package auth

import "net/http"

func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Complete(w, r); err != nil {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, r.URL.Query().Get("return_to"), http.StatusFound)
}
