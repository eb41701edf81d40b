// clean: GO-SQL-STRING
package tenancy

import (
	"context"
	"database/sql"

	"github.com/lib/pq"
)

func UseSchema(ctx context.Context, conn *sql.Conn, schema string) error {
	_, err := conn.ExecContext(ctx, "SET search_path TO "+pq.QuoteIdentifier(schema)+", public")
	return err
}
