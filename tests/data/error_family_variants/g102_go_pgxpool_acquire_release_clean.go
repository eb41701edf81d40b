// clean: GO-RESOURCE-HELD-ON-RETURN
package store

import (
	"context"
	"fmt"
)

func (s *Store) ListenChanges(ctx context.Context, channel string, fn func(payload string) error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+quoteIdent(channel)); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if err := fn(n.Payload); err != nil {
			return err
		}
	}
}
