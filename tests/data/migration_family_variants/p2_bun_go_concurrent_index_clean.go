// clean: MIG-03
// path: internal/migrations/20261203184000_index_events_user.go
package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	Migrations.MustRegister(func(ctx context.Context, db *bun.DB) error {
		_, err := db.ExecContext(ctx, `CREATE INDEX CONCURRENTLY IF NOT EXISTS events_user_id_idx ON events (user_id)`)
		return err
	}, func(ctx context.Context, db *bun.DB) error {
		_, err := db.ExecContext(ctx, `DROP INDEX CONCURRENTLY IF EXISTS events_user_id_idx`)
		return err
	})
}
