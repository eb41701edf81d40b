// clean: GO-INSECURE-RANDOM
package sessions

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

func NewSessionID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
