// clean: GO-BATCH-FAILURES-IGNORED
package reminders

import (
	"context"
	"errors"
	"fmt"
)

func (s *Service) SendDue(ctx context.Context) error {
	due, err := s.store.DueReminders(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range due {
		if err := s.push.Send(ctx, r.UserID, r.Text); err != nil {
			errs = append(errs, fmt.Errorf("reminder %d: %w", r.ID, err))
			continue
		}
		if err := s.store.MarkSent(ctx, r.ID); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
