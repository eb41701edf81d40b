// want: MIG-03
// path: db/migrations/20261203160000_index_payments_merchant.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upIndexPaymentsMerchant, downIndexPaymentsMerchant)
}

func upIndexPaymentsMerchant(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `CREATE INDEX payments_merchant_id_idx ON payments (merchant_id)`)
	return err
}

func downIndexPaymentsMerchant(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DROP INDEX payments_merchant_id_idx`)
	return err
}
