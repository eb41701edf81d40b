package interest

import (
	"context"

	"gorm.io/gorm"
)

type Accrual struct{ db *gorm.DB }

func (a *Accrual) credit(ctx context.Context, id int64, amount int64) error {
	return a.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&Entry{AccountID: id, Amount: amount}).Error; err != nil {
			return err
		}
		tx.Model(&Account{}).Where("id = ?", id). // expect: GO-GORM-ERROR-IGNORED
			Update("balance", gorm.Expr("balance + ?", amount))
		return nil
	})
}

func (a *Accrual) close(id int64) error {
	a.db.Delete(&Hold{}, "account_id = ?", id) // expect: GO-GORM-ERROR-IGNORED
	res := a.db.Model(&Account{}).Where("id = ?", id).Update("closed", true)
	if res.Error != nil {
		return res.Error
	}
	return a.db.Save(&Audit{AccountID: id}).Error
}

func (a *Accrual) reopen(id int64) error {
	if err := a.db.Model(&Account{}).
		Where("id = ?", id).
		Update("closed", false).Error; err != nil {
		return err
	}
	var acct Account
	a.db.Where("id = ?", id).First(&acct)
	return nil
}
