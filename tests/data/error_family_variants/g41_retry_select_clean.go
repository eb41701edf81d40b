// clean: GO-LOOP-IGNORES-CTX
package notify

func (c *Client) Send(ctx context.Context, msg Message) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = c.post(ctx, msg); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Second):
		}
	}
	return err
}
