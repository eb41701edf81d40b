// clean: GO-SQL-STRING
package store

import (
	"context"
	"database/sql"
	"strings"
)

type Attachment struct {
	UID       string
	Filename  string
	CreatorID int64
}

func CreateAttachment(ctx context.Context, db *sql.DB, a *Attachment) error {
	fields := []string{"`uid`", "`filename`", "`creator_id`"}
	placeholders := []string{"?", "?", "?"}
	args := []any{a.UID, a.Filename, a.CreatorID}
	stmt := "INSERT INTO `attachment` (" + strings.Join(fields, ", ") + ") VALUES (" + strings.Join(placeholders, ", ") + ")"
	_, err := db.ExecContext(ctx, stmt, args...)
	return err
}
