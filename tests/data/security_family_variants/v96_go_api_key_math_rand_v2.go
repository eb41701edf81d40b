// want: GO-INSECURE-RANDOM
package apikeys

import (
	"math/rand/v2"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func NewAPIKey() string {
	b := make([]byte, 40)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return "ak_" + string(b)
}
