package notify

func (c *Client) Sendg40(ctx context.Context, msg Message) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = c.post(ctx, msg); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return fmt.Errorf("send after retries: %w", err)
}

func (c *Client) Sendg41(ctx context.Context, msg Message) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = c.post(ctx, msg); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}

func (w *Worker) Rung42(ctx context.Context) error {
	for {
		job := <-w.jobs // expect: GO-LOOP-IGNORES-CTX
		if err := w.send(ctx, job); err != nil {
			w.log.Error("send mail", "to", job.To, "err", err)
		}
	}
}

func (w *Worker) Rung44(ctx context.Context) error {
	for job := range w.jobs {
		if err := w.send(ctx, job); err != nil {
			w.log.Error("send mail", "to", job.To, "err", err)
		}
	}
	return nil
}

func (p *Poller) Rung45(ctx context.Context) {
	for ctx.Err() == nil {
		p.tick(ctx)
		time.Sleep(p.interval)
	}
}

func (p *Poller) Poll(ctx context.Context) {
	for { // expect: GO-LOOP-IGNORES-CTX
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

func (s *Streamer) Pump(ctx context.Context, events <-chan Event) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var batch []Event
	for {
		select { // expect: GO-LOOP-IGNORES-CTX
		case ev := <-events:
			batch = append(batch, ev)
		case <-tick.C:
			s.flush(ctx, batch)
			batch = batch[:0]
		}
	}
}

func (s *Streamer) PumpUntilClosed(ctx context.Context, events <-chan Event) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			s.add(ev)
		case <-tick.C:
			s.flush(ctx, nil)
		}
	}
}

func (s *Streamer) PumpUntilStopped(ctx context.Context) {
	for {
		select {
		case <-s.stop:
			return
		case ev := <-s.events:
			s.add(ev)
		}
	}
}
