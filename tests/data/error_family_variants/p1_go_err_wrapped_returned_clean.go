// clean: GO-ERR-UNCHECKED
package svc

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

func ReleaseLock(ctx context.Context, pool *pgxpool.Pool, key int64) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", key); err != nil {
		return fmt.Errorf("unlock %d: %w", key, err)
	}
	return nil
}
