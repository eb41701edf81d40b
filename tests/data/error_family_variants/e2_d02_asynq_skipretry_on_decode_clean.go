// clean: GO-ASYNQ-SKIPRETRY-TRANSIENT
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"
)

func (w *WebhookWorker) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var p WebhookPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("bad payload: %v: %w", err, asynq.SkipRetry)
	}
	if err := w.client.Deliver(ctx, p.URL, p.Body); err != nil {
		if errors.Is(err, ErrEndpointGone) {
			return fmt.Errorf("deliver %s: %v: %w", p.ID, err, asynq.SkipRetry)
		}
		return fmt.Errorf("deliver %s: %w", p.ID, err)
	}
	return nil
}
