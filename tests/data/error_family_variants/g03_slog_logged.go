// want: GO-ERR-LOGGED-CONTINUES
package svc

func (w *Worker) handle(ctx context.Context, msg Message) error {
	order, err := w.orders.Get(ctx, msg.OrderID)
	if err != nil {
		slog.ErrorContext(ctx, "load order", "order_id", msg.OrderID, "error", err)
	}
	return w.ship(ctx, order.Address)
}
