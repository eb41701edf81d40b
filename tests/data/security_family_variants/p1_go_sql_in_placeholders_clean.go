// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

func DeleteReactions(ctx context.Context, db *sql.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	holders := make([]string, 0, len(ids))
	args := make([]any, 0, len(ids))
	for i, id := range ids {
		holders = append(holders, fmt.Sprintf("$%d", i+1))
		args = append(args, id)
	}
	query := fmt.Sprintf("DELETE FROM reaction WHERE id IN (%s)", strings.Join(holders, ","))
	_, err := db.ExecContext(ctx, query, args...)
	return err
}
