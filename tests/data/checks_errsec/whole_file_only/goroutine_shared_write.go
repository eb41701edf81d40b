package fanout

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func (s *Service) Quotes(ctx context.Context, symbols []string) map[string]float64 {
	out := make(map[string]float64, len(symbols))
	var wg sync.WaitGroup
	for _, sym := range symbols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q, err := s.feed.Quote(ctx, sym)
			if err != nil {
				return
			}
			out[sym] = q // expect: GO-GOROUTINE-SHARED-WRITE
		}()
	}
	wg.Wait()
	return out
}

func (c *Crawler) Titles(ctx context.Context, urls []string) ([]string, error) {
	var titles []string
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			t, err := c.title(ctx, u)
			if err != nil {
				return err
			}
			titles = append(titles, t) // expect: GO-GOROUTINE-SHARED-WRITE
			return nil
		})
	}
	return titles, g.Wait()
}

func (c *Crawler) TitlesByIndex(ctx context.Context, urls []string) ([]string, error) {
	titles := make([]string, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			t, err := c.title(ctx, u)
			titles[i] = t
			return err
		})
	}
	return titles, g.Wait()
}

func (s *Service) Locked(ctx context.Context, symbols []string) map[string]float64 {
	out := map[string]float64{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, sym := range symbols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q, _ := s.feed.Quote(ctx, sym)
			mu.Lock()
			out[sym] = q
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func (s *Service) PerGoroutine(ctx context.Context, batches [][]string) {
	for _, batch := range batches {
		go func() {
			seen := make(map[string]bool)
			for _, id := range batch {
				seen[id] = true
			}
			s.report(ctx, seen)
		}()
	}
}
