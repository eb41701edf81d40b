// want: ANY-ACK-ON-FAILURE
package consumer

func (c *OrderConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := c.handleOrder(ctx, m.Value); err != nil {
			log.Printf("handle order %s: %v", m.Key, err)
		}
		if err := c.reader.CommitMessages(ctx, m); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
	}
}
