// clean: GO-LOOP-IGNORES-CTX (a counted retry: its sleeps end with its attempts)
package notify

func (c *Client) Send(ctx context.Context, msg Message) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = c.post(ctx, msg); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return fmt.Errorf("send after retries: %w", err)
}
