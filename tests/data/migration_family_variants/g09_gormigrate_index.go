// want: MIG-03
// path: internal/db/migrations.go
package db

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID: "202612031640",
			Migrate: func(tx *gorm.DB) error {
				return tx.Exec("CREATE INDEX invoices_customer_idx ON invoices (customer_id)").Error
			},
			Rollback: func(tx *gorm.DB) error {
				return tx.Exec("DROP INDEX invoices_customer_idx").Error
			},
		},
	}
}
