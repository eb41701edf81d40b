// want: MIG-08
// path: db/migrations/20261203125000_orders_public_id.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upOrdersPublicID, downOrdersPublicID)
}

func upOrdersPublicID(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid()`)
	return err
}

func downOrdersPublicID(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders DROP COLUMN public_id`)
	return err
}
