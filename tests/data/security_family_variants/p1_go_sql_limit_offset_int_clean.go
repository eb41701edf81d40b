// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"fmt"
)

type Page struct {
	Limit  *int
	Offset *int
}

func ListInbox(ctx context.Context, db *sql.DB, receiverID int64, page Page) (*sql.Rows, error) {
	query := "SELECT id, sender_id, message FROM inbox WHERE receiver_id = $1 ORDER BY id DESC"
	if page.Limit != nil {
		query = fmt.Sprintf("%s LIMIT %d", query, *page.Limit)
		if page.Offset != nil {
			query = fmt.Sprintf("%s OFFSET %d", query, *page.Offset)
		}
	}
	return db.QueryContext(ctx, query, receiverID)
}
