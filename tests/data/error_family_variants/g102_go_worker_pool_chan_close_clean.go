// clean: GO-GOROUTINE-SEND-LEAK
package pipeline

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func (p *Pipeline) Process(ctx context.Context, items []Item) error {
	g, ctx := errgroup.WithContext(ctx)
	work := make(chan Item)
	g.Go(func() error {
		defer close(work)
		for _, it := range items {
			select {
			case work <- it:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	for range 4 {
		g.Go(func() error {
			for it := range work {
				if err := p.handle(ctx, it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}
