package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"
)

func (p *SMSProcessor) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var payload SMSPayload
	if err := json.Unmarshal(t.Payload(), &payload); err != nil {
		return fmt.Errorf("decode: %v: %w", err, asynq.SkipRetry)
	}
	if err := p.provider.Send(ctx, payload.To, payload.Body); err != nil {
		return fmt.Errorf("send %s: %v: %w", payload.ID, err, asynq.SkipRetry) // expect: GO-ASYNQ-SKIPRETRY-TRANSIENT
	}
	receipt, err := p.provider.Lookup(ctx, payload.ID)
	if err != nil {
		return errors.Join(err, asynq.SkipRetry) // expect: GO-ASYNQ-SKIPRETRY-TRANSIENT
	}
	return p.store.Save(ctx, receipt)
}

func (p *RefundProcessor) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var payload RefundPayload
	if err := json.Unmarshal(t.Payload(), &payload); err != nil {
		return fmt.Errorf("decode: %v: %w", err, asynq.SkipRetry)
	}
	if err := p.gateway.Refund(ctx, payload.ChargeID); err != nil {
		if errors.Is(err, ErrChargeNotFound) {
			return fmt.Errorf("refund %s: %v: %w", payload.ChargeID, err, asynq.SkipRetry)
		}
		return fmt.Errorf("refund %s: %w", payload.ChargeID, err)
	}
	if err := validate(payload); err != nil {
		return fmt.Errorf("invalid: %v: %w", err, asynq.SkipRetry)
	}
	return nil
}

func (p *ImageProcessor) ProcessTask(ctx context.Context, t *asynq.Task) error {
	db, err := p.app.Database(ctx)
	if err != nil {
		return fmt.Errorf("database client: %v: %w", err, asynq.SkipRetry)
	}
	ref, err := db.NewRef("images").Push(ctx, map[string]string{
		"url": string(t.Payload()),
	})
	if err != nil {
		return fmt.Errorf("push: %v: %w", err, asynq.SkipRetry) // expect: GO-ASYNQ-SKIPRETRY-TRANSIENT
	}
	return p.store.Save(ctx, ref.Path)
}
