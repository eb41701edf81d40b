// clean: GO-ERR-LOGGED-CONTINUES
package catalog

import (
	"context"
	"log/slog"
	"time"
)

func (s *Service) Product(ctx context.Context, id string) (*Product, error) {
	if p, err := s.cache.Get(ctx, id); err == nil {
		return p, nil
	} else if !isMiss(err) {
		slog.WarnContext(ctx, "cache get failed", "id", id, "err", err)
	}
	p, err := s.repo.Product(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.cache.Set(ctx, id, p, 5*time.Minute); err != nil {
		slog.WarnContext(ctx, "cache set failed", "id", id, "err", err)
	}
	return p, nil
}
