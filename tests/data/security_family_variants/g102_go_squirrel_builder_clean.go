// clean: GO-SQL-STRING
package repo

import (
	"context"

	sq "github.com/Masterminds/squirrel"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func (r *Repo) Find(ctx context.Context, f Filter) ([]Ticket, error) {
	q := psql.Select("id", "title", "state").From("tickets").Where(sq.Eq{"project_id": f.ProjectID})
	if f.State != "" {
		q = q.Where(sq.Eq{"state": f.State})
	}
	if f.Query != "" {
		q = q.Where(sq.ILike{"title": "%" + f.Query + "%"})
	}
	query, args, err := q.OrderBy("created_at DESC").Limit(uint64(f.Limit)).ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := r.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanTickets(rows)
}
