// clean: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package tasks

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/hibiken/asynq"

	"example.com/catalog/internal/products"
)

type PublishHandler struct {
	Products *products.Service
	Cache    *products.Cache
}

func (h *PublishHandler) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var p struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return err
	}
	if err := h.Products.Publish(ctx, p.ID); err != nil {
		return err
	}
	if err := h.Cache.Warm(ctx, p.ID); err != nil {
		slog.Debug("cache warm failed", "id", p.ID, "err", err)
	}
	return nil
}
