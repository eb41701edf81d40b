// clean: MIG-02
// path: internal/db/migrations/202612031845_add_order_note.go
package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func addOrderNote() *gormigrate.Migration {
	type Order struct {
		Note *string `gorm:"type:text"`
	}
	return &gormigrate.Migration{
		ID: "202612031845",
		Migrate: func(tx *gorm.DB) error {
			return tx.Migrator().AddColumn(&Order{}, "Note")
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropColumn(&Order{}, "Note")
		},
	}
}
