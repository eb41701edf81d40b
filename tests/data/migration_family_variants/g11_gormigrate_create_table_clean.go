// clean: MIG-03
// path: internal/db/migrations.go
package db

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func Migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID: "202612031650",
			Migrate: func(tx *gorm.DB) error {
				if err := tx.Exec("CREATE TABLE exports (id bigserial PRIMARY KEY, account_id bigint NOT NULL)").Error; err != nil {
					return err
				}
				return tx.Exec("CREATE INDEX exports_account_idx ON exports (account_id)").Error
			},
			Rollback: func(tx *gorm.DB) error {
				return tx.Exec("DROP TABLE exports").Error
			},
		},
	}
}
