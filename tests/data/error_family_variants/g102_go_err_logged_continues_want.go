// want: GO-ERR-LOGGED-CONTINUES
package billing

import (
	"context"
	"log/slog"
)

func (s *Service) Charge(ctx context.Context, orderID int64) error {
	order, err := s.orders.Get(ctx, orderID)
	if err != nil {
		slog.Error("load order", "id", orderID, "err", err)
	}
	return s.psp.Charge(ctx, order.CustomerRef, order.TotalCents)
}
