// want: GO-ERR-OVERWRITTEN
package store

import "context"

func (s *Store) Move(ctx context.Context, cardID, listID int64, pos int) error {
	_, err := s.pool.Exec(ctx, `UPDATE cards SET pos = pos + 1 WHERE list_id = $1 AND pos >= $2`, listID, pos)
	_, err = s.pool.Exec(ctx, `UPDATE cards SET list_id = $1, pos = $2 WHERE id = $3`, listID, pos, cardID)
	return err
}
