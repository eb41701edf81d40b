// want: GO-GOROUTINE-SHARED-WRITE
package prices

import (
	"context"
	"sync"
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
			out[sym] = q
		}()
	}
	wg.Wait()
	return out
}
