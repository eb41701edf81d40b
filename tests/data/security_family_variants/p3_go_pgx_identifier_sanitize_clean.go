// clean: GO-SQL-STRING
package partitions

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func CreateMonthly(ctx context.Context, pool *pgxpool.Pool, parent string, month time.Time) error {
	name := pgx.Identifier{fmt.Sprintf("%s_%s", parent, month.Format("2006_01"))}.Sanitize()
	from := month.Format("2006-01-02")
	to := month.AddDate(0, 1, 0).Format("2006-01-02")
	ddl := fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')",
		name, pgx.Identifier{parent}.Sanitize(), from, to)
	_, err := pool.Exec(ctx, ddl)
	return err
}
