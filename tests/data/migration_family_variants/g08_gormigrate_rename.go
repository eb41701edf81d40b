// want: MIG-05
// path: internal/db/migrations.go
package db

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID: "202612031630",
			Migrate: func(tx *gorm.DB) error {
				return tx.Migrator().RenameColumn("invoices", "kind", "category")
			},
			Rollback: func(tx *gorm.DB) error {
				return tx.Migrator().RenameColumn("invoices", "category", "kind")
			},
		},
	}
}
