// clean: GO-ROWS-UNCLOSED
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func (s *Store) Webhooks(ctx context.Context, projectID int64) ([]Webhook, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, url, secret_ref, events FROM webhooks WHERE project_id = $1`, projectID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Webhook])
}
