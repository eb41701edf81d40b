// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

type ListFilter struct {
	OwnerID *int64
	Since   *time.Time
	Status  string
	Limit   int
}

func (s *Store) ListIssues(ctx context.Context, f ListFilter) ([]Issue, error) {
	where := []string{"deleted_at IS NULL"}
	args := []any{}
	if f.OwnerID != nil {
		args = append(args, *f.OwnerID)
		where = append(where, fmt.Sprintf("owner_id = $%d", len(args)))
	}
	if f.Since != nil {
		args = append(args, *f.Since)
		where = append(where, fmt.Sprintf("created_at >= $%d", len(args)))
	}
	if f.Status != "" {
		args = append(args, f.Status)
		where = append(where, fmt.Sprintf("status = $%d", len(args)))
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit)
	query := fmt.Sprintf(`SELECT id, title, status, created_at FROM issues WHERE %s ORDER BY created_at DESC LIMIT $%d`,
		strings.Join(where, " AND "), len(args))
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list issues: %w", err)
	}
	defer rows.Close()
	var out []Issue
	for rows.Next() {
		var it Issue
		if err := rows.Scan(&it.ID, &it.Title, &it.Status, &it.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

var _ = sql.ErrNoRows
