// clean: GO-SECRET-IN-LOG
package auth

import (
	"log/slog"
	"net/http"
)

func (m *Middleware) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-API-Key")
		acct, err := m.keys.Lookup(r.Context(), key)
		if err != nil {
			slog.WarnContext(r.Context(), "api key rejected", "remote", r.RemoteAddr, "key_len", len(key))
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(withAccount(r.Context(), acct)))
	})
}
