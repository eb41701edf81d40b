// clean: GO-MIG-INDEX-LOCK
// path: migrations/20261203122000_index_messages_app.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upIndexMessagesApp, downIndexMessagesApp)
}

func upIndexMessagesApp(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_application_id_idx ON messages (application_id)")
	return err
}

func downIndexMessagesApp(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DROP INDEX CONCURRENTLY IF EXISTS messages_application_id_idx")
	return err
}
