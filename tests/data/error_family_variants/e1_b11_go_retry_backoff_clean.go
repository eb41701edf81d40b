// clean: ANY-RETRY-NO-BACKOFF (waits longer each time, and gives up with the context)
package outbox

func (r *Relay) publish(ctx context.Context, evt Event) error {
	var err error
	backoff := 200 * time.Millisecond
	for attempt := 0; attempt < 10; attempt++ {
		err = r.producer.Publish(ctx, evt.Topic, evt.Payload)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return fmt.Errorf("publish %s: %w", evt.ID, err)
}
