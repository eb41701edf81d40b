// want: ANY-ACK-ON-FAILURE
package consumer

import (
	"encoding/json"
	"log/slog"

	"github.com/IBM/sarama"

	"example.com/ledger/internal/posting"
)

type LedgerHandler struct {
	poster *posting.Service
	log    *slog.Logger
}

func (h *LedgerHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *LedgerHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *LedgerHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		var evt posting.Event
		if err := json.Unmarshal(msg.Value, &evt); err != nil {
			h.log.Error("bad event", "offset", msg.Offset, "err", err)
			sess.MarkMessage(msg, "")
			continue
		}
		if err := h.poster.Post(sess.Context(), evt); err != nil {
			h.log.Error("post failed", "offset", msg.Offset, "err", err)
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}
