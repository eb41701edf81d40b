// want: GO-LOOP-IGNORES-CTX
package worker

import (
	"context"
	"log/slog"
	"time"
)

func (w *Outbox) Run(ctx context.Context) {
	for {
		n, err := w.flush(ctx)
		if err != nil {
			slog.Error("outbox flush", "err", err)
		}
		if n == 0 {
			time.Sleep(2 * time.Second)
		}
	}
}
