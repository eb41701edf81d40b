// clean: GO-INSECURE-RANDOM
package invites

import (
	"crypto/rand"
	mrand "math/rand/v2"
	"time"
)

func NewToken() string {
	return rand.Text()
}

func retryDelay(base time.Duration) time.Duration {
	return base + time.Duration(mrand.Int64N(int64(base/4)))
}
