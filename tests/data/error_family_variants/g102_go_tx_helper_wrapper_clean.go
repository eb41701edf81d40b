// clean: GO-TX-NO-ROLLBACK
package store

import (
	"context"
	"database/sql"
	"fmt"
)

func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

func (s *Store) AddMember(ctx context.Context, teamID, userID int64, role string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO members (team_id, user_id, role) VALUES ($1, $2, $3)`, teamID, userID, role); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE teams SET member_count = member_count + 1 WHERE id = $1`, teamID)
		return err
	})
}
