// want: GO-ROWS-UNCLOSED
package store

import "context"

func (s *Store) Members(ctx context.Context, teamID int64) ([]Member, error) {
	rows, err := s.pool.Query(ctx, `SELECT user_id, role FROM members WHERE team_id = $1`, teamID)
	if err != nil {
		return nil, err
	}
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.UserID, &m.Role); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
