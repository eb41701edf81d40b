// clean: GO-TX-NO-ROLLBACK
package svc

import (
	"context"

	"github.com/uptrace/bun"
)

func ArchiveProject(ctx context.Context, db *bun.DB, projectID int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model((*Project)(nil)).
			Set("archived_at = now()").
			Where("id = ?", projectID).
			Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model((*Invite)(nil)).Where("project_id = ?", projectID).Exec(ctx)
		return err
	})
}
