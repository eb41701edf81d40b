// clean: GO-ERR-OVERWRITTEN
package profile

import "context"

func (s *Service) Load(ctx context.Context, id int64) (*View, error) {
	u, err := s.users.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	prefs, err := s.prefs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	stats, err := s.stats.Get(ctx, id)
	if err != nil {
		stats = EmptyStats()
	}
	return &View{User: u, Prefs: prefs, Stats: stats}, nil
}
