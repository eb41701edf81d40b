// clean: GO-INSECURE-RANDOM
package tokens

import (
	"crypto/rand"
	"encoding/base64"
	mrand "math/rand/v2"
	"time"
)

func NewResetToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func retryJitter(base time.Duration) time.Duration {
	return base + time.Duration(mrand.Int64N(int64(base/2)))
}
