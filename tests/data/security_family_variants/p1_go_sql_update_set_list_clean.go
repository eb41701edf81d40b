// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"strings"
)

type UpdateUser struct {
	ID       int64
	Nickname *string
	Email    *string
}

func (d *DB) UpdateUser(ctx context.Context, update *UpdateUser) error {
	set, args := []string{}, []any{}
	if v := update.Nickname; v != nil {
		set, args = append(set, "nickname = ?"), append(args, *v)
	}
	if v := update.Email; v != nil {
		set, args = append(set, "email = ?"), append(args, *v)
	}
	if len(set) == 0 {
		return nil
	}
	args = append(args, update.ID)
	query := "UPDATE user SET " + strings.Join(set, ", ") + " WHERE id = ?"
	_, err := d.db.ExecContext(ctx, query, args...)
	return err
}

type DB struct{ db *sql.DB }
