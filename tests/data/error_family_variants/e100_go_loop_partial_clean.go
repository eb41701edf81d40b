// clean: GO-ERROR-ANSWERED-OK
package payouts

import (
	"context"
	"fmt"
	"log"
)

func (s *Service) SettleBatch(ctx context.Context, batchID string) error {
	items, err := s.store.PendingItems(ctx, batchID)
	if err != nil {
		return err
	}
	var failed []string
	for _, it := range items {
		if err := s.bank.Transfer(ctx, it.AccountID, it.AmountCents); err != nil {
			log.Printf("transfer %s failed: %v", it.ID, err)
			failed = append(failed, it.ID)
			continue
		}
		if err := s.store.MarkItemPaid(ctx, it.ID); err != nil {
			return fmt.Errorf("mark %s paid: %w", it.ID, err)
		}
	}
	if len(failed) > 0 {
		return s.store.MarkBatchPartial(ctx, batchID, failed)
	}
	return s.store.MarkBatchSettled(ctx, batchID)
}
