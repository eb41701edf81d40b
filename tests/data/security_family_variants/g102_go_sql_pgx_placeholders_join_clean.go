// clean: GO-SQL-STRING
package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

type TagStore struct {
	pool *pgxpool.Pool
}

func (s *TagStore) AttachTags(ctx context.Context, noteID int64, tagIDs []int64) error {
	if len(tagIDs) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO note_tags (note_id, tag_id) VALUES ")
	args := []any{noteID}
	for i, id := range tagIDs {
		if i > 0 {
			sb.WriteString(", ")
		}
		args = append(args, id)
		sb.WriteString("($1, $" + strconv.Itoa(len(args)) + ")")
	}
	sb.WriteString(" ON CONFLICT DO NOTHING")
	_, err := s.pool.Exec(ctx, sb.String(), args...)
	return err
}
