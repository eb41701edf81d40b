// clean: GO-ERR-UNCHECKED
package service

import (
	"context"
	"fmt"

	"example.com/app/ent"
	"example.com/app/ent/user"
)

func (s *Service) Deactivate(ctx context.Context, email string) error {
	n, err := s.client.User.Update().
		Where(user.EmailEQ(email), user.ActiveEQ(true)).
		SetActive(false).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("deactivate %s: %w", email, err)
	}
	if n == 0 {
		return &ent.NotFoundError{}
	}
	return nil
}
