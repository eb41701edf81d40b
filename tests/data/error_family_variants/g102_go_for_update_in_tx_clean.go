// clean: GO-FOR-UPDATE-NO-TX
package inventory

import (
	"context"
	"database/sql"
)

func (s *Store) Reserve(ctx context.Context, sku string, qty int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var onHand int
	if err := tx.QueryRowContext(ctx, `SELECT on_hand FROM stock WHERE sku = $1 FOR UPDATE`, sku).Scan(&onHand); err != nil {
		return err
	}
	if onHand < qty {
		return ErrOutOfStock
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stock SET on_hand = on_hand - $1 WHERE sku = $2`, qty, sku); err != nil {
		return err
	}
	return tx.Commit()
}

var _ = sql.ErrNoRows
