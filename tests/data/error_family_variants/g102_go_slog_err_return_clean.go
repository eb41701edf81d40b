// clean: GO-ERR-LOGGED-CONTINUES
package sync

import (
	"context"
	"log/slog"
)

func (s *Syncer) SyncAccount(ctx context.Context, id string) error {
	acct, err := s.remote.Account(ctx, id)
	if err != nil {
		slog.ErrorContext(ctx, "fetch remote account", "id", id, "err", err)
		return err
	}
	if err := s.local.Upsert(ctx, acct); err != nil {
		slog.ErrorContext(ctx, "upsert account", "id", id, "err", err)
		return err
	}
	return nil
}
