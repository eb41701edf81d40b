// clean: GO-SQL-STRING
package repo

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type OrderRepo struct {
	db *sqlx.DB
}

func (r *OrderRepo) ByIDs(ctx context.Context, ids []string) ([]Order, error) {
	query, args, err := sqlx.In(`SELECT id, customer_id, total_cents, status FROM orders WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	query = r.db.Rebind(query)
	var orders []Order
	if err := r.db.SelectContext(ctx, &orders, query, args...); err != nil {
		return nil, err
	}
	return orders, nil
}
