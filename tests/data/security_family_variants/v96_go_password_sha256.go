// want: GO-WEAK-CRYPTO
package users

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

func (s *Service) Register(ctx context.Context, email, password string) error {
	sum := sha256.Sum256([]byte(password))
	return s.repo.Insert(ctx, email, hex.EncodeToString(sum[:]))
}
