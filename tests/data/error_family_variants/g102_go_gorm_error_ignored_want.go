// want: GO-GORM-ERROR-IGNORED
package service

import (
	"context"

	"gorm.io/gorm"
)

type Service struct {
	db *gorm.DB
}

func (s *Service) Rename(ctx context.Context, id uint, name string) error {
	s.db.WithContext(ctx).Model(&Project{}).Where("id = ?", id).Update("name", name)
	return nil
}
