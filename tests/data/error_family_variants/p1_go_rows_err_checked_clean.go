// clean: GO-ROWS-ERR-UNCHECKED
package svc

import (
	"context"
	"database/sql"
	"fmt"
)

type Entry struct {
	ID     int64
	Amount int64
}

func Entries(ctx context.Context, db *sql.DB, account int64) ([]Entry, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, amount FROM entries WHERE account_id = $1", account)
	if err != nil {
		return nil, fmt.Errorf("query entries: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.Amount); err != nil {
			return nil, fmt.Errorf("scan entry: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("iterate entries: %w", err)
	}
	return out, nil
}
