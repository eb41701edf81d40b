// clean: GO-TIMING-COMPARE
package middleware

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
)

func APIKey(expectedHash [32]byte) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got := sha256.Sum256([]byte(r.Header.Get("X-Api-Key")))
			if subtle.ConstantTimeCompare(got[:], expectedHash[:]) != 1 {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
