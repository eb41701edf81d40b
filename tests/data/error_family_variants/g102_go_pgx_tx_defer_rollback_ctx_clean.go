// clean: GO-TX-NO-ROLLBACK
package store

import (
	"context"
	"fmt"
)

func (s *Store) ArchiveBoard(ctx context.Context, boardID int64) (err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback(ctx)
		}
	}()
	if _, err = tx.Exec(ctx, `UPDATE cards SET archived = true WHERE board_id = $1`, boardID); err != nil {
		return err
	}
	if _, err = tx.Exec(ctx, `UPDATE boards SET archived = true WHERE id = $1`, boardID); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
