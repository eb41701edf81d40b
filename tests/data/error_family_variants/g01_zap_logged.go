// want: GO-ERR-LOGGED-CONTINUES
package svc

func (s *Service) Price(ctx context.Context, sku string) (int64, error) {
	item, err := s.repo.FindItem(ctx, sku)
	if err != nil {
		s.logger.Error("find item failed", zap.Error(err), zap.String("sku", sku))
	}
	return item.PriceCents, nil
}
