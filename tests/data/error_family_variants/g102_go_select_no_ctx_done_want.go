// want: GO-LOOP-IGNORES-CTX
package stream

import (
	"context"
	"time"
)

func (s *Streamer) Pump(ctx context.Context, events <-chan Event) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var batch []Event
	for {
		select {
		case ev := <-events:
			batch = append(batch, ev)
		case <-tick.C:
			if len(batch) > 0 {
				_ = s.sink.Write(ctx, batch)
				batch = batch[:0]
			}
		}
	}
}
