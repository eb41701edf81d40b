// want: MIG-10
// path: db/migrations/20261203161500_backfill_payments_currency.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upBackfillPaymentsCurrency, downBackfillPaymentsCurrency)
}

func upBackfillPaymentsCurrency(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE payments SET currency = 'EUR' WHERE currency IS NULL`)
	return err
}

func downBackfillPaymentsCurrency(ctx context.Context, tx *sql.Tx) error {
	return nil
}
