// clean: GO-SQL-STRING
package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Store struct{ db *sqlx.DB }

func (s *Store) ArchiveNotes(ctx context.Context, ownerID int64, ids []int64) error {
	query, args, err := sqlx.In("UPDATE notes SET archived = true WHERE owner_id = ? AND id IN (?)", ownerID, ids)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, s.db.Rebind(query), args...)
	return err
}
