// want: GO-TX-NO-ROLLBACK
package svc

func (r *Repo) Rename(ctx context.Context, id int64, name string) error {
	tx := r.db.MustBegin()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit(user_id, what) VALUES ($1, 'rename')", id); err != nil {
		return err
	}
	return tx.Commit()
}
