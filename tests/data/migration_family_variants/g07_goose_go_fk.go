// want: MIG-06
// path: db/migrations/20261203163000_refunds_payment_fk.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upRefundsPaymentFK, downRefundsPaymentFK)
}

func upRefundsPaymentFK(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE refunds ADD CONSTRAINT refunds_payment_fk
		FOREIGN KEY (payment_id) REFERENCES payments (id)`)
	return err
}

func downRefundsPaymentFK(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE refunds DROP CONSTRAINT refunds_payment_fk`)
	return err
}
