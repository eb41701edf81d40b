// clean: GO-GOROUTINE-SHARED-WRITE
package health

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func (c *Checker) CheckAll(ctx context.Context, targets []Target) (map[string]Status, error) {
	var mu sync.Mutex
	statuses := make(map[string]Status, len(targets))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, t := range targets {
		g.Go(func() error {
			st, err := c.probe(ctx, t)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			statuses[t.Name] = st
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return statuses, nil
}
