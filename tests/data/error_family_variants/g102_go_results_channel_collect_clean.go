// clean: GO-GOROUTINE-SHARED-WRITE
package prices

import (
	"context"
	"sync"
)

type quote struct {
	sym   string
	price float64
}

func (s *Service) Quotes(ctx context.Context, symbols []string) map[string]float64 {
	results := make(chan quote, len(symbols))
	var wg sync.WaitGroup
	for _, sym := range symbols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := s.feed.Quote(ctx, sym)
			if err != nil {
				return
			}
			results <- quote{sym, p}
		}()
	}
	wg.Wait()
	close(results)
	out := make(map[string]float64, len(symbols))
	for q := range results {
		out[q.sym] = q.price
	}
	return out
}
