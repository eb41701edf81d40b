// clean: GO-TIMING-COMPARE
package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
)

func (h *Handler) Receive(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	sent, _ := hex.DecodeString(r.Header.Get("X-Signature"))
	mac := hmac.New(sha256.New, h.secret)
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), sent) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	h.events <- body
	w.WriteHeader(http.StatusNoContent)
}
