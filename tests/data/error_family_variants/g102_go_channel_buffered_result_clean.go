// clean: GO-GOROUTINE-SEND-LEAK
package lookup

import (
	"context"
	"time"
)

func (r *Resolver) Resolve(ctx context.Context, host string) (string, error) {
	type result struct {
		addr string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		addr, err := r.slowLookup(host)
		ch <- result{addr, err}
	}()
	select {
	case res := <-ch:
		return res.addr, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	case <-time.After(2 * time.Second):
		return "", ErrLookupTimeout
	}
}
