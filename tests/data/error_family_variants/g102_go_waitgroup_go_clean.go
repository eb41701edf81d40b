// clean: GO-WAITGROUP-ADD-IN-GOROUTINE
package notify

import (
	"context"
	"sync"
)

func (n *Notifier) Broadcast(ctx context.Context, subs []Subscriber, msg Message) []error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, s := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := n.send(ctx, s, msg); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errs
}
