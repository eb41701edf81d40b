// clean: GO-JWT-UNVERIFIED
package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

type ctxKey struct{}

type Auth struct{ secret []byte }

func (a *Auth) Authn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := jwt.MapClaims{}
		_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
			return a.secret, nil
		}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("api"))
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ctx := context.WithValue(r.Context(), ctxKey{}, claims["sub"])
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
