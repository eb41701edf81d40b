// clean: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package tasks

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"
)

func (h *Handlers) HandleWelcomeEmail(ctx context.Context, t *asynq.Task) error {
	var p WelcomePayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("decode payload: %v: %w", err, asynq.SkipRetry)
	}
	if err := h.mail.Welcome(ctx, p.UserID); err != nil {
		return fmt.Errorf("send welcome to %d: %w", p.UserID, err)
	}
	return nil
}
