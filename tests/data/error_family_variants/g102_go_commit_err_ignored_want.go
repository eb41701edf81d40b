// want: GO-ERR-UNCHECKED
package ledger

import "context"

func (s *Store) Credit(ctx context.Context, acct int64, cents int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, cents, acct); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entries (account_id, cents) VALUES ($1, $2)`, acct, cents); err != nil {
		return err
	}
	tx.Commit()
	return nil
}
