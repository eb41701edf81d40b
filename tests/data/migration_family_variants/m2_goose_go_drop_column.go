// want: MIG-01
// path: db/migrations/20261203124000_drop_orders_legacy_ref.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upDropOrdersLegacyRef, downDropOrdersLegacyRef)
}

func upDropOrdersLegacyRef(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders DROP COLUMN legacy_ref`)
	return err
}

func downDropOrdersLegacyRef(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders ADD COLUMN legacy_ref text`)
	return err
}
