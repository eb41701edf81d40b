// clean: GO-SQL-STRING
package orders

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
)

func Search(ctx context.Context, db *sql.DB, r *http.Request, shopID int64) (*sql.Rows, error) {
	var column string
	switch r.URL.Query().Get("order") {
	case "total":
		column = "total_cents"
	case "placed":
		column = "placed_at"
	default:
		column = "id"
	}
	direction := "ASC"
	if r.URL.Query().Get("desc") == "1" {
		direction = "DESC"
	}
	query := fmt.Sprintf("SELECT id, total_cents FROM orders WHERE shop_id = $1 ORDER BY %s %s", column, direction)
	return db.QueryContext(ctx, query, shopID)
}
