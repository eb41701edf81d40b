// clean: GO-JWT-UNVERIFIED
package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

type Verifier struct{ key []byte }

func (v *Verifier) Parse(raw string) (*jwt.RegisteredClaims, error) {
	claims := &jwt.RegisteredClaims{}
	tok, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) { return v.key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("api"), jwt.WithExpirationRequired())
	if err != nil || !tok.Valid {
		return nil, errors.Join(errors.New("invalid token"), err)
	}
	return claims, nil
}
