// want: GO-JWT-UNVERIFIED
package api

import (
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

func tenantFromRequest(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	parser := jwt.NewParser()
	if _, _, err := parser.ParseUnverified(raw, claims); err != nil {
		return "", err
	}
	tenant, _ := claims["tenant"].(string)
	return tenant, nil
}
