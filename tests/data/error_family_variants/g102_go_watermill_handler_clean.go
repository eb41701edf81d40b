// clean: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package projections

import (
	"encoding/json"

	"github.com/ThreeDotsLabs/watermill/message"
)

func (p *Projector) OnOrderPlaced(msg *message.Message) error {
	var evt OrderPlaced
	if err := json.Unmarshal(msg.Payload, &evt); err != nil {
		return err
	}
	return p.store.IncrementDailyTotal(msg.Context(), evt.Day, evt.TotalCents)
}
