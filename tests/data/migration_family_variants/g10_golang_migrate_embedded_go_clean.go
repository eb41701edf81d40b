// clean: MIG-03
// path: internal/store/store.go
package store

import (
	"context"
	"database/sql"
)

// Search lists documents for an account; the index it relies on is created by migrations/000214.
func Search(ctx context.Context, db *sql.DB, accountID int64) (*sql.Rows, error) {
	return db.QueryContext(ctx, `SELECT id, title FROM documents WHERE account_id = $1 ORDER BY id`, accountID)
}
