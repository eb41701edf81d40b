// clean: GO-TX-NO-ROLLBACK
package svc

func (r *Repo) Move(from, to *Account, amt int64) error {
	tx := r.db.Begin()
	if tx.Error != nil {
		return tx.Error
	}
	if err := tx.Model(from).Update("balance", gorm.Expr("balance - ?", amt)).Error; err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Model(to).Update("balance", gorm.Expr("balance + ?", amt)).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}
