// want: GO-ERROR-ANSWERED-OK
package payouts

import (
	"context"
	"log"
)

func (s *Service) SettleBatch(ctx context.Context, batchID string) error {
	items, err := s.store.PendingItems(ctx, batchID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := s.bank.Transfer(ctx, it.AccountID, it.AmountCents); err != nil {
			log.Printf("transfer %s failed: %v", it.ID, err)
			continue
		}
		if err := s.store.MarkItemPaid(ctx, it.ID); err != nil {
			log.Printf("mark %s paid: %v", it.ID, err)
		}
	}
	return s.store.MarkBatchSettled(ctx, batchID)
}
