// want: GO-GOROUTINE-SEND-LEAK
package search

import (
	"context"
	"time"
)

func (s *Searcher) Query(ctx context.Context, q string) ([]Hit, error) {
	ch := make(chan []Hit)
	go func() {
		hits := s.index.Search(q)
		ch <- hits
	}()
	select {
	case hits := <-ch:
		return hits, nil
	case <-time.After(500 * time.Millisecond):
		return nil, ErrSearchTimeout
	}
}
