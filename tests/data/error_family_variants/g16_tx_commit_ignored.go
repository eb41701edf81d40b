// want: GO-ERR-UNCHECKED
package svc

func (r *Repo) Move(ctx context.Context, from, to int64, amt int64) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET bal = bal - $1 WHERE id = $2", amt, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET bal = bal + $1 WHERE id = $2", amt, to); err != nil {
		return err
	}
	tx.Commit()
	return nil
}
