// want: GO-LOOP-IGNORES-CTX
package poller

func (p *Poller) Run(ctx context.Context) {
	for {
		items, err := p.source.Fetch(ctx)
		if err != nil {
			p.log.Warn("fetch", "err", err)
		}
		for _, it := range items {
			p.handle(ctx, it)
		}
		time.Sleep(p.interval)
	}
}
