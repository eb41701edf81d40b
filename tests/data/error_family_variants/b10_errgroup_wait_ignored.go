// want: GO-ERR-UNCHECKED
package svc

func (s *Indexer) ReindexAll(ctx context.Context, shards []Shard) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, sh := range shards {
		sh := sh
		g.Go(func() error { return s.reindex(ctx, sh) })
	}
	g.Wait()
	return nil
}
