// clean: GO-ERRGROUP-WAIT-IGNORED
package thumbs

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func (r *Renderer) RenderAll(ctx context.Context, ids []string) ([]string, error) {
	urls := make([]string, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i, id := range ids {
		g.Go(func() error {
			u, err := r.render(ctx, id)
			if err != nil {
				return err
			}
			urls[i] = u
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return urls, nil
}
