// want: GO-ERR-DISCARDED
package store

import "context"

func (s *Store) Archive(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE boards SET archived = true WHERE id = $1`, id); err != nil {
		return err
	}
	_ = tx.Commit(ctx)
	return nil
}
