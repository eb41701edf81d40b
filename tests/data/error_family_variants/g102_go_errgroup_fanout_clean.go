// clean: GO-GOROUTINE-ERR-LOGGED
package dashboard

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func (s *Service) Summary(ctx context.Context, orgID int64) (*Summary, error) {
	var sum Summary
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		n, err := s.store.CountProjects(ctx, orgID)
		sum.Projects = n
		return err
	})
	g.Go(func() error {
		n, err := s.store.CountMembers(ctx, orgID)
		sum.Members = n
		return err
	})
	g.Go(func() error {
		u, err := s.billing.Usage(ctx, orgID)
		sum.Usage = u
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return &sum, nil
}
