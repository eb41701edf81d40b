// want: GO-ERR-OVERWRITTEN
package profile

import "context"

func (s *Service) Save(ctx context.Context, p *Profile) error {
	err := s.store.UpdateName(ctx, p.ID, p.Name)
	err = s.store.UpdateBio(ctx, p.ID, p.Bio)
	if err != nil {
		return err
	}
	return s.search.Reindex(ctx, p.ID)
}
