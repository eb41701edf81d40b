// clean: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package subscribers

import (
	"encoding/json"
	"fmt"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"

	"example.com/shop/internal/inventory"
)

type ReserveStock struct {
	inv    *inventory.Store
	logger watermill.LoggerAdapter
}

func (s *ReserveStock) Handle(msg *message.Message) error {
	var cmd inventory.Reservation
	if err := json.Unmarshal(msg.Payload, &cmd); err != nil {
		return err
	}
	if err := s.inv.Reserve(msg.Context(), cmd.OrderID, cmd.Lines); err != nil {
		s.logger.Error("reserve stock", err, watermill.LogFields{"order_id": cmd.OrderID})
		return fmt.Errorf("reserve stock for %s: %w", cmd.OrderID, err)
	}
	return nil
}
