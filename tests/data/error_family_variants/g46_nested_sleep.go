// want: GO-LOOP-IGNORES-CTX
package poller

func (p *Poller) Drain(ctx context.Context, batches [][]Item) {
	for _, batch := range batches {
		for _, it := range batch {
			for p.limiter.Busy() {
				time.Sleep(10 * time.Millisecond)
			}
			p.handle(ctx, it)
		}
	}
}
