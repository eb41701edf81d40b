// clean: MIG-10
// path: db/migrations/20261203162000_backfill_payments_region.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upBackfillPaymentsRegion, downBackfillPaymentsRegion)
}

func upBackfillPaymentsRegion(ctx context.Context, db *sql.DB) error {
	for {
		res, err := db.ExecContext(ctx, `UPDATE payments SET region = 'eu'
			WHERE id IN (SELECT id FROM payments WHERE region IS NULL LIMIT 5000)`)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
}

func downBackfillPaymentsRegion(ctx context.Context, db *sql.DB) error {
	return nil
}
