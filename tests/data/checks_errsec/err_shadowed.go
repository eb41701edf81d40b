package sync

func (s *Syncer) Pull(ctx context.Context, ids []string) ([]Item, error) {
	var err error
	var out []Item
	for _, id := range ids {
		item, err := s.remote.Fetch(ctx, id) // expect: GO-ERR-SHADOWED
		if err != nil {
			s.log.Warn("fetch", "id", id, "err", err)
			continue
		}
		out = append(out, item)
	}
	return out, err
}

func (s *Syncer) Push(ctx context.Context, items []Item) error {
	var err error
	for _, it := range items {
		if err = s.remote.Put(ctx, it); err != nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("push: %w", err)
	}
	return nil
}

func (s *Syncer) Check(ctx context.Context, ids []string) error {
	var err error
	for _, id := range ids {
		if err := s.remote.Head(ctx, id); err != nil {
			return fmt.Errorf("head %s: %w", id, err)
		}
	}
	return err
}
