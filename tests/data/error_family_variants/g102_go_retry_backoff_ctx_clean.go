// clean: ANY-RETRY-NO-BACKOFF
package deliver

import (
	"context"
	"time"
)

func (d *Deliverer) sendWithRetry(ctx context.Context, ev Event) error {
	backoff := 500 * time.Millisecond
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = d.send(ctx, ev); err == nil {
			return nil
		}
		if !isRetryable(err) {
			return err
		}
		timer := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
		backoff *= 2
	}
	return err
}
