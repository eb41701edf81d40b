// want: GO-ROWS-UNCLOSED
package store

import "context"

func (s *Store) Tags(ctx context.Context, noteID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM tags WHERE note_id = $1`, noteID)
	if err != nil {
		return nil, err
	}
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}
