// clean: GO-SQL-STRING
package search

import (
	"context"
	"strings"
)

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func (s *Store) SearchUsers(ctx context.Context, term string, limit int) ([]User, error) {
	pattern := "%" + likeEscaper.Replace(strings.ToLower(term)) + "%"
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, username FROM users WHERE lower(username) LIKE $1 ESCAPE '\' ORDER BY username LIMIT $2`,
		pattern, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanUsers(rows)
}
