// clean: MIG-10
// path: db/migrations/20261203164000_backfill_payments_bin.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upBackfillBin, downBackfillBin)
}

func upBackfillBin(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT id, card_number FROM payments`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var card string
		if err := rows.Scan(&id, &card); err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, `UPDATE payments SET bin = $1 WHERE id = $2`, card[:6], id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func downBackfillBin(ctx context.Context, db *sql.DB) error {
	return nil
}
