package tokens

import (
	"crypto/rsa"
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

type Keys struct {
	signingPub    *rsa.PublicKey
	signingPubPEM []byte
	sessionSecret []byte
}

func (k *Keys) Accept(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); ok { // expect: GO-JWT-UNVERIFIED
			return k.signingPubPEM, nil
		}
		return k.signingPub, nil
	})
}

func (k *Keys) AcceptPinned(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); ok {
			return k.signingPubPEM, nil
		}
		return k.signingPub, nil
	}, jwt.WithValidMethods([]string{"RS256"}))
}

func (k *Keys) AcceptChecked(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodRSA); !ok {
			return nil, errors.New("unexpected signing method")
		}
		return k.signingPub, nil
	})
}

func (k *Keys) AcceptSession(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); ok {
			return k.sessionSecret, nil
		}
		return k.signingPub, nil
	})
}

func (k *Keys) AcceptPlain(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		return k.signingPub, nil
	})
}

func (k *Keys) AcceptPEM(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		return k.signingPubPEM, nil // expect: GO-JWT-UNVERIFIED
	})
}
