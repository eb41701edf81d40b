// clean: GO-INSECURE-RANDOM
package apikeys

import (
	"crypto/rand"
	"encoding/base64"
)

func NewAPIKey() (string, error) {
	b := make([]byte, 30)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "ak_" + base64.RawURLEncoding.EncodeToString(b), nil
}
