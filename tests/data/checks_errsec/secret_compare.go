package hooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func verify(w http.ResponseWriter, r *http.Request, body []byte, key []byte) bool {
	mac := hmac.New(sha256.New, key)
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	if r.Header.Get("X-Signature") != expected { // expect: GO-TIMING-COMPARE
		return false
	}
	given, err := hex.DecodeString(r.Header.Get("X-Signature"))
	if err != nil {
		return false
	}
	return hmac.Equal(given, mac.Sum(nil))
}

func apiKeyOK(r *http.Request, want string) bool {
	apiKey := r.Header.Get("X-Api-Key")
	if apiKey == "" || len(apiKey) != 40 {
		return false
	}
	if subtle.ConstantTimeCompare([]byte(apiKey), []byte(want)) == 1 {
		return true
	}
	return apiKey == want // expect: GO-TIMING-COMPARE
}

func stop() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM)
	sig := <-sigs
	if sig == syscall.SIGTERM {
		os.Exit(0)
	}
}
