// want: GO-GOROUTINE-SHARED-WRITE
package crawl

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func (c *Crawler) Titles(ctx context.Context, urls []string) ([]string, error) {
	var titles []string
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			t, err := c.title(ctx, u)
			if err != nil {
				return err
			}
			titles = append(titles, t)
			return nil
		})
	}
	return titles, g.Wait()
}
