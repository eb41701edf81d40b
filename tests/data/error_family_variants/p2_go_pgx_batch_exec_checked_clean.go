// clean: GO-BATCH-FAILURES-IGNORED
package svc

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func MarkShipped(ctx context.Context, pool *pgxpool.Pool, ids []int64) (err error) {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue("UPDATE shipments SET status = 'shipped', shipped_at = now() WHERE id = $1", id)
	}
	br := pool.SendBatch(ctx, b)
	defer func() {
		if cerr := br.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, id := range ids {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("mark shipment %d shipped: %w", id, err)
		}
	}
	return nil
}
