// clean: ANY-ACK-ON-FAILURE
package consumer

import (
	"context"
	"log/slog"

	"github.com/nats-io/nats.go/jetstream"
)

func (c *Consumer) handle(ctx context.Context, msg jetstream.Msg) {
	evt, err := decodeEvent(msg.Data())
	if err != nil {
		slog.Error("bad event, terminating", "err", err)
		_ = msg.Term()
		return
	}
	if err := c.projector.Apply(ctx, evt); err != nil {
		slog.Warn("apply failed, will redeliver", "id", evt.ID, "err", err)
		_ = msg.Nak()
		return
	}
	if err := msg.Ack(); err != nil {
		slog.Warn("ack failed", "id", evt.ID, "err", err)
	}
}
