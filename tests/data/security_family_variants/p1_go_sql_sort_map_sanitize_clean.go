// clean: GO-SQL-STRING
package devices

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var orderable = map[string]string{
	"name":     "name",
	"seen":     "last_seen_at",
	"firmware": "firmware_version",
}

func List(ctx context.Context, pool *pgxpool.Pool, r *http.Request, tenant string) (pgx.Rows, error) {
	column, ok := orderable[r.URL.Query().Get("sort")]
	if !ok {
		column = "last_seen_at"
	}
	query := fmt.Sprintf("SELECT id, name FROM devices WHERE tenant_id = $1 ORDER BY %s, id",
		pgx.Identifier{column}.Sanitize())
	return pool.Query(ctx, query, tenant)
}
