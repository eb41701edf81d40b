// clean: ANY-ACK-ON-FAILURE (a failure stops the consumer before its offset is committed)
package consumer

func (c *OrderConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := c.handleOrder(ctx, m.Value); err != nil {
			return fmt.Errorf("handle order %s: %w", m.Key, err)
		}
		if err := c.reader.CommitMessages(ctx, m); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
	}
}
