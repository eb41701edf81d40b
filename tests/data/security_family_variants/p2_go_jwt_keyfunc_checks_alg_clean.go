// clean: GO-JWT-UNVERIFIED
package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
)

type Claims struct {
	TenantID string `json:"tid"`
	jwt.RegisteredClaims
}

func (s *Server) RequireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		claims := &Claims{}
		token, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
			if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
				return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
			}
			return s.signingKey, nil
		}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("api"))
		if err != nil || !token.Valid {
			return echo.NewHTTPError(http.StatusUnauthorized)
		}
		c.Set("tenantID", claims.TenantID)
		return next(c)
	}
}
