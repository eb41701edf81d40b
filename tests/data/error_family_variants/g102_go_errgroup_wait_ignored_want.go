// want: GO-ERR-UNCHECKED
package warm

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func (w *Warmer) Warm(ctx context.Context, keys []string) error {
	var g errgroup.Group
	for _, k := range keys {
		g.Go(func() error { return w.cache.Load(ctx, k) })
	}
	g.Wait()
	return nil
}
