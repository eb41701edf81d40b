// want: GO-TX-NO-ROLLBACK
package svc

func (r *Repo) Move(ctx context.Context, from, to, amt int64) error {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE accounts SET bal = bal - $1 WHERE id = $2", amt, from); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE accounts SET bal = bal + $1 WHERE id = $2", amt, to); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
