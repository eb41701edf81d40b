// Fixture for goroutines whose errors are only logged in a function that waits for them and returns nil.
package sync

func (s *Syncer) SyncAll(ctx context.Context, ids []string) error {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			if err := s.syncOne(ctx, id); err != nil { // expect: GO-GOROUTINE-ERR-LOGGED
				s.log.Error("sync account", "id", id, "err", err)
			}
		}(id)
	}
	wg.Wait()
	return nil
}

func (s *Syncer) SyncGroup(ctx context.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error {
			return s.syncOne(ctx, id)
		})
	}
	return g.Wait()
}

func (s *Syncer) StartPruning(ctx context.Context) error {
	go func() {
		if err := s.prune(ctx); err != nil {
			s.log.Warn("prune", "err", err)
		}
	}()
	return nil
}
