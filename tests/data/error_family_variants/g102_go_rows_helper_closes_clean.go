// clean: GO-ROWS-UNCLOSED
package store

import (
	"context"
	"database/sql"
)

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (s *Store) MemberIDs(ctx context.Context, teamID int64) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT user_id FROM memberships WHERE team_id = $1`, teamID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
