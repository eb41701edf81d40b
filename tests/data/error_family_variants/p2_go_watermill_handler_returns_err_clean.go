// clean: GO-ERR-LOGGED-CONTINUES
package svc

import (
	"encoding/json"
	"fmt"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
)

type OrderPlaced struct {
	OrderID string `json:"order_id"`
}

type Projector struct {
	logger watermill.LoggerAdapter
	store  ReadModel
}

func (p *Projector) Handle(msg *message.Message) error {
	var evt OrderPlaced
	if err := json.Unmarshal(msg.Payload, &evt); err != nil {
		p.logger.Error("bad order event", err, watermill.LogFields{"uuid": msg.UUID})
		return fmt.Errorf("decode order event %s: %w", msg.UUID, err)
	}
	if err := p.store.AddOrder(msg.Context(), evt.OrderID); err != nil {
		p.logger.Error("projection failed", err, watermill.LogFields{"order": evt.OrderID})
		return err
	}
	return nil
}
