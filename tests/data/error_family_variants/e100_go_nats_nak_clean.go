// clean: ANY-ACK-ON-FAILURE
package events

import (
	"context"
	"encoding/json"
	"log"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"example.com/notify/internal/email"
)

func Consume(ctx context.Context, cons jetstream.Consumer, sender *email.Sender) (jetstream.ConsumeContext, error) {
	return cons.Consume(func(msg jetstream.Msg) {
		var req email.Request
		if err := json.Unmarshal(msg.Data(), &req); err != nil {
			log.Printf("drop malformed: %v", err)
			_ = msg.Term()
			return
		}
		if err := sender.Send(ctx, req); err != nil {
			log.Printf("send to %s failed: %v", req.To, err)
			_ = msg.NakWithDelay(30 * time.Second)
			return
		}
		_ = msg.Ack()
	})
}
