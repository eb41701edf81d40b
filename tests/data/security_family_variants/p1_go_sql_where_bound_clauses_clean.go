// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"strings"
)

type FindMemo struct {
	ID        *int64
	CreatorID *int64
	Pinned    *bool
}

func ListMemos(ctx context.Context, db *sql.DB, find *FindMemo) (*sql.Rows, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := find.ID; v != nil {
		where, args = append(where, "`id` = ?"), append(args, *v)
	}
	if v := find.CreatorID; v != nil {
		where, args = append(where, "`creator_id` = ?"), append(args, *v)
	}
	if v := find.Pinned; v != nil {
		where, args = append(where, "`pinned` = ?"), append(args, *v)
	}
	query := "SELECT `id`, `content` FROM `memo` WHERE " + strings.Join(where, " AND ") + " ORDER BY `id` DESC"
	return db.QueryContext(ctx, query, args...)
}
