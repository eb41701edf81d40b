// want: GO-GOROUTINE-SEND-LEAK
package fetch

import "context"

func (f *Fetcher) First(ctx context.Context, mirrors []string) ([]byte, error) {
	results := make(chan []byte)
	for _, m := range mirrors {
		go func() {
			b, err := f.get(ctx, m)
			if err == nil {
				results <- b
			}
		}()
	}
	select {
	case b := <-results:
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
