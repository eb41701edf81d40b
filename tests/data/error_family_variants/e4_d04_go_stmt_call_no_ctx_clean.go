// clean: GO-ERR-UNCHECKED (a goroutine running the service's own loop, which reports its errors itself)
package notify

import (
	"context"
	"log/slog"
)

type Service struct {
	queue *Queue
}

func (s *Service) Start(ctx context.Context) {
	go s.queue.Run(ctx)
	go s.drain(ctx)
	slog.Info("notify service started")
}
