// clean: MIG-03
// path: db/migrations/20261203160500_index_payments_created.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upIndexPaymentsCreated, downIndexPaymentsCreated)
}

func upIndexPaymentsCreated(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_created_at_idx ON payments (created_at)`)
	return err
}

func downIndexPaymentsCreated(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `DROP INDEX CONCURRENTLY IF EXISTS payments_created_at_idx`)
	return err
}
