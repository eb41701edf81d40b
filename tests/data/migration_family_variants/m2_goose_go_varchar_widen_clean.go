// clean: MIG-04
// path: db/migrations/20261203125500_orders_note_longer.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upOrdersNoteLonger, downOrdersNoteLonger)
}

func upOrdersNoteLonger(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders ALTER COLUMN note TYPE text`)
	return err
}

func downOrdersNoteLonger(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE orders ALTER COLUMN note TYPE varchar(200)`)
	return err
}
