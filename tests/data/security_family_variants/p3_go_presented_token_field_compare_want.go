// want: GO-TIMING-COMPARE
package auth

import (
	"encoding/json"
	"net/http"
)

type Credentials struct {
	ClientID string `json:"client_id"`
	Token    string `json:"token"`
}

func (h *Handler) Exchange(w http.ResponseWriter, r *http.Request) {
	var presented Credentials
	if err := json.NewDecoder(r.Body).Decode(&presented); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	stored, err := h.clients.Get(r.Context(), presented.ClientID)
	if err != nil || stored.Token != presented.Token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
