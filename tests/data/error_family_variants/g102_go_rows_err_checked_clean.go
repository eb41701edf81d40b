// clean: GO-ROWS-ERR-UNCHECKED
package store

import (
	"context"
	"database/sql"
)

func (s *Store) ActiveEmails(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email FROM users WHERE active`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var emails []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		emails = append(emails, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return emails, nil
}

var _ *sql.DB
