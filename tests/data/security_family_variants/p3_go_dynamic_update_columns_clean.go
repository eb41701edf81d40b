// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

var editable = map[string]bool{"title": true, "body": true, "status": true}

func (s *Store) PatchTicket(ctx context.Context, tenantID, id int64, changes map[string]any) error {
	sets := make([]string, 0, len(changes))
	args := make([]any, 0, len(changes)+2)
	for col, val := range changes {
		if !editable[col] {
			continue
		}
		args = append(args, val)
		sets = append(sets, fmt.Sprintf("%s = $%d", col, len(args)))
	}
	if len(sets) == 0 {
		return nil
	}
	args = append(args, tenantID, id)
	query := "UPDATE tickets SET " + strings.Join(sets, ", ") + fmt.Sprintf(" WHERE tenant_id = $%d AND id = $%d", len(args)-1, len(args))
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

type Store struct{ db *sql.DB }
