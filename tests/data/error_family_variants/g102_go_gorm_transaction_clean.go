// clean: GO-GORM-ERROR-IGNORED
package service

import (
	"context"

	"gorm.io/gorm"
)

func (s *Service) CreateTeam(ctx context.Context, team *Team, owner *Member) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(team).Error; err != nil {
			return err
		}
		owner.TeamID = team.ID
		owner.Role = "owner"
		return tx.Create(owner).Error
	})
}
