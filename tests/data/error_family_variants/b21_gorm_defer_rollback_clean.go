// clean: GO-TX-NO-ROLLBACK
package svc

func (r *Repo) Move(from, to *Account, amt int64) error {
	tx := r.db.WithContext(ctx).Begin()
	defer tx.Rollback()
	if err := tx.Model(from).Update("balance", gorm.Expr("balance - ?", amt)).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}
