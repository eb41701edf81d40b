// clean: GO-TX-NO-ROLLBACK
package ledger

import (
	"context"
	"database/sql"
	"fmt"
)

func (s *Store) Transfer(ctx context.Context, from, to int64, cents int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, from).Scan(&balance); err != nil {
		return fmt.Errorf("load source: %w", err)
	}
	if balance < cents {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, cents, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, cents, to); err != nil {
		return err
	}
	return tx.Commit()
}
