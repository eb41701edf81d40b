// clean: GO-SQL-STRING
package storage

import (
	"context"

	"github.com/uptrace/bun"
)

type Store struct {
	db *bun.DB
}

func (s *Store) SearchProjects(ctx context.Context, orgID int64, term string) ([]Project, error) {
	var projects []Project
	err := s.db.NewSelect().
		Model(&projects).
		Where("org_id = ?", orgID).
		Where("name ILIKE ?", "%"+term+"%").
		OrderExpr("updated_at DESC").
		Limit(50).
		Scan(ctx)
	return projects, err
}
