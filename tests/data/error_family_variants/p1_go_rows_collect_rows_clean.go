// clean: GO-ROWS-ERR-UNCHECKED
package svc

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Device struct {
	ID   int64
	Name string
}

func Devices(ctx context.Context, pool *pgxpool.Pool, tenant string) ([]Device, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM devices WHERE tenant_id = $1", tenant)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Device])
}
