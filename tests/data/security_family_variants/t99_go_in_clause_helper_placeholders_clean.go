// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"strings"
)

func placeholder(_ int) string {
	return "?"
}

func inClause(start int, values []int64) (string, []any) {
	marks := make([]string, 0, len(values))
	args := make([]any, 0, len(values))
	for i, value := range values {
		marks = append(marks, placeholder(start+i))
		args = append(args, value)
	}
	return "(" + strings.Join(marks, ", ") + ")", args
}

func DeleteInboxes(ctx context.Context, tx *sql.Tx, ids []int64) error {
	clause, args := inClause(1, ids)
	_, err := tx.ExecContext(ctx, `DELETE FROM inbox WHERE id IN `+clause, args...)
	return err
}
