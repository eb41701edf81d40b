// clean: GO-SQL-STRING
package audit

import (
	"context"
	"database/sql"
	"fmt"
)

const auditTable = "audit_events"

type Writer struct {
	db *sql.DB
}

func (w *Writer) Record(ctx context.Context, actor, action, target string) error {
	q := fmt.Sprintf("INSERT INTO %s (actor, action, target) VALUES ($1, $2, $3)", auditTable)
	if _, err := w.db.ExecContext(ctx, q, actor, action, target); err != nil {
		return fmt.Errorf("record audit event: %w", err)
	}
	return nil
}
