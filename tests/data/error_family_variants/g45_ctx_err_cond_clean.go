// clean: GO-LOOP-IGNORES-CTX
package poller

func (p *Poller) Run(ctx context.Context) {
	for ctx.Err() == nil {
		p.tick(ctx)
		time.Sleep(p.interval)
	}
}
