// clean: GO-LOOP-IGNORES-CTX
package worker

import (
	"context"
	"log/slog"
	"time"
)

func (w *Poller) Run(ctx context.Context) error {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if err := w.pollOnce(ctx); err != nil {
				slog.Warn("poll failed", "err", err)
			}
		}
	}
}
