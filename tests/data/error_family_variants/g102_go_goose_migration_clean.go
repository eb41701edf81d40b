// clean: GO-TX-NO-ROLLBACK
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upBackfillSlugs, downBackfillSlugs)
}

func upBackfillSlugs(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `ALTER TABLE projects ADD COLUMN slug TEXT`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE projects SET slug = lower(regexp_replace(name, '[^a-zA-Z0-9]+', '-', 'g'))`)
	return err
}

func downBackfillSlugs(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE projects DROP COLUMN slug`)
	return err
}
