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
	mac := hmac.New(sha256.New, h.secret)
	mac.Write(body)
	expected := mac.Sum(nil)
	given, err := hex.DecodeString(r.Header.Get("X-Signature"))
	if err != nil || !hmac.Equal(expected, given) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	h.queue.Enqueue(r.Context(), body)
	w.WriteHeader(http.StatusNoContent)
}
