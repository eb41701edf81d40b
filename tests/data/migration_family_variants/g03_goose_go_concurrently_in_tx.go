// want: MIG-12
// path: db/migrations/20261203161000_index_payments_status.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upIndexPaymentsStatus, downIndexPaymentsStatus)
}

func upIndexPaymentsStatus(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `CREATE INDEX CONCURRENTLY payments_status_idx ON payments (status)`)
	return err
}

func downIndexPaymentsStatus(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DROP INDEX payments_status_idx`)
	return err
}
