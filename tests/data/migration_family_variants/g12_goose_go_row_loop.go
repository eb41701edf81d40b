// want: MIG-10
// path: db/migrations/20261203163500_backfill_payments_fingerprint.go
package migrations

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upBackfillFingerprint, downBackfillFingerprint)
}

func upBackfillFingerprint(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, card_number FROM payments`)
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
		sum := sha256.Sum256([]byte(card))
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET fingerprint = $1 WHERE id = $2`, hex.EncodeToString(sum[:]), id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func downBackfillFingerprint(ctx context.Context, tx *sql.Tx) error {
	return nil
}
