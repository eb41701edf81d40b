// want: GO-TX-NO-ROLLBACK
package orders

import "context"

func (s *Store) Place(ctx context.Context, o Order) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO orders (id, customer_id) VALUES ($1, $2)`, o.ID, o.CustomerID); err != nil {
		return err
	}
	for _, it := range o.Items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_items (order_id, sku, qty) VALUES ($1, $2, $3)`, o.ID, it.SKU, it.Qty); err != nil {
			return err
		}
	}
	return tx.Commit()
}
