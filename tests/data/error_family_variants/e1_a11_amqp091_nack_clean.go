// clean: ANY-ACK-ON-FAILURE (a failed delivery is nacked, only success is acked)
package consumer

func (c *Consumer) Run(ctx context.Context, deliveries <-chan amqp.Delivery) error {
	for d := range deliveries {
		var evt PaymentEvent
		if err := json.Unmarshal(d.Body, &evt); err != nil {
			_ = d.Nack(false, false)
			continue
		}
		if err := c.payments.Apply(ctx, evt); err != nil {
			c.log.Error("apply payment", "err", err)
			_ = d.Nack(false, true)
			continue
		}
		if err := d.Ack(false); err != nil {
			return fmt.Errorf("ack: %w", err)
		}
	}
	return nil
}
