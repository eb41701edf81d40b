// want: MIG-05
// path: db/migrations/20261203124500_rename_orders_state.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upRenameOrdersState, downRenameOrdersState)
}

func upRenameOrdersState(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders RENAME COLUMN state TO status")
	return err
}

func downRenameOrdersState(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders RENAME COLUMN status TO state")
	return err
}
