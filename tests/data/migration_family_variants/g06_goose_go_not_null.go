// want: MIG-02
// path: db/migrations/20261203162500_payments_region_required.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upPaymentsRegionRequired, downPaymentsRegionRequired)
}

func upPaymentsRegionRequired(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE payments ALTER COLUMN region SET NOT NULL`)
	return err
}

func downPaymentsRegionRequired(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE payments ALTER COLUMN region DROP NOT NULL`)
	return err
}
