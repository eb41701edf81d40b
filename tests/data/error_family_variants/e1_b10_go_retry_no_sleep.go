// want: ANY-RETRY-NO-BACKOFF
package outbox

func (r *Relay) publish(ctx context.Context, evt Event) error {
	var err error
	for attempt := 0; attempt < 10; attempt++ {
		err = r.producer.Publish(ctx, evt.Topic, evt.Payload)
		if err == nil {
			return nil
		}
		r.log.Warn("publish failed", "attempt", attempt, "err", err)
	}
	return fmt.Errorf("publish %s: %w", evt.ID, err)
}
