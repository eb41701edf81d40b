package ledger

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/hibiken/asynq"
)

func (h *CaptureHandler) Handle(msg *message.Message) error {
	var evt CaptureEvent
	if err := json.Unmarshal(msg.Payload, &evt); err != nil {
		h.log.Error("malformed capture event", err, nil)
		return nil
	}
	if err := h.ledger.PostCapture(msg.Context(), evt); err != nil { // expect: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
		h.log.Error("post capture to ledger", err, nil)
		h.metrics.PostFailures.Inc()
	}
	return nil
}

func (h *RefundHandler) Handle(msg *message.Message) error {
	var evt RefundEvent
	if err := json.Unmarshal(msg.Payload, &evt); err != nil {
		h.log.Error("malformed refund event", err, nil)
		return nil
	}
	if err := h.ledger.PostRefund(msg.Context(), evt); err != nil {
		h.log.Error("post refund to ledger", err, nil)
		return fmt.Errorf("post refund %s: %w", evt.ID, err)
	}
	return nil
}

func handleStatementTask(ctx context.Context, t *asynq.Task) error {
	var p StatementPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("decode: %v: %w", err, asynq.SkipRetry)
	}
	if err := renderStatement(ctx, p.AccountID); err != nil { // expect: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
		logger.Printf("statement for %d failed: %v", p.AccountID, err)
	}
	return nil
}

func handleReminderTask(ctx context.Context, t *asynq.Task) error {
	if err := sendReminder(ctx, t.Payload()); err != nil {
		logger.Printf("reminder failed: %v", err)
		return err
	}
	return nil
}
