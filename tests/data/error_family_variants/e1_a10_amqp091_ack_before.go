// want: ANY-ACK-BEFORE-PROCESS
package consumer

func (c *Consumer) Run(ctx context.Context, deliveries <-chan amqp.Delivery) error {
	for d := range deliveries {
		if err := d.Ack(false); err != nil {
			return fmt.Errorf("ack: %w", err)
		}
		var evt PaymentEvent
		if err := json.Unmarshal(d.Body, &evt); err != nil {
			c.log.Error("bad payload", "err", err)
			continue
		}
		if err := c.payments.Apply(ctx, evt); err != nil {
			c.log.Error("apply payment", "err", err)
		}
	}
	return nil
}
