// clean: GO-SQL-STRING
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func (s *Store) UpsertSetting(ctx context.Context, userID int64, key, value string) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO user_settings (user_id, key, value)
		VALUES (@user_id, @key, @value)
		ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value`,
		pgx.NamedArgs{"user_id": userID, "key": key, "value": value})
	return err
}
