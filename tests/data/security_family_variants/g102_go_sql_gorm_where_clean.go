// clean: GO-SQL-STRING
package service

import (
	"context"

	"gorm.io/gorm"
)

type InvoiceService struct {
	db *gorm.DB
}

func (s *InvoiceService) Overdue(ctx context.Context, accountID uint, status string) ([]Invoice, error) {
	var invoices []Invoice
	q := s.db.WithContext(ctx).Where("account_id = ?", accountID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if err := q.Where("due_at < NOW()").Order("due_at").Find(&invoices).Error; err != nil {
		return nil, err
	}
	return invoices, nil
}
