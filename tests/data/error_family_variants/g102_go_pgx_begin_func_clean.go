// clean: GO-TX-NO-ROLLBACK
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct {
	pool *pgxpool.Pool
}

func (s *Store) RenameFolder(ctx context.Context, id int64, name string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE folders SET name = $1 WHERE id = $2`, name, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO folder_events (folder_id, kind) VALUES ($1, 'renamed')`, id)
		return err
	})
}
