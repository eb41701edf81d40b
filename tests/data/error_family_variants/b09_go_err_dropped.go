// want: GO-GOROUTINE-ERR-LOGGED
package svc

func (s *Indexer) ReindexAll(ctx context.Context, shards []Shard) error {
	var wg sync.WaitGroup
	for _, sh := range shards {
		wg.Add(1)
		go func(sh Shard) {
			defer wg.Done()
			if err := s.reindex(ctx, sh); err != nil {
				s.logger.Error("reindex shard", zap.Error(err), zap.Int("shard", sh.ID))
			}
		}(sh)
	}
	wg.Wait()
	return nil
}
