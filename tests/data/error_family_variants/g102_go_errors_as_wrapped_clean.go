// clean: GO-ERR-COMPARE
package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

func (s *Store) CreateUser(ctx Ctx, u NewUser) (int64, error) {
	id, err := s.q.InsertUser(ctx, u)
	if isUniqueViolation(err) {
		return 0, ErrEmailTaken
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}
