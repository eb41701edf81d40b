// clean: GO-ERRGROUP-WAIT-IGNORED
package svc

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func LoadDashboard(ctx context.Context, s *Stores, userID int64) (*Dashboard, error) {
	var d Dashboard
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		var err error
		d.Projects, err = s.Projects.ForUser(ctx, userID)
		return err
	})
	g.Go(func() error {
		var err error
		d.Alerts, err = s.Alerts.Open(ctx, userID)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return &d, nil
}
