// want: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package tasks

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/hibiken/asynq"

	"example.com/billing/internal/invoices"
)

type InvoiceEmailHandler struct {
	svc *invoices.Service
}

func (h *InvoiceEmailHandler) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var p struct {
		InvoiceID string `json:"invoice_id"`
	}
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return err
	}
	if err := h.svc.EmailInvoice(ctx, p.InvoiceID); err != nil {
		slog.ErrorContext(ctx, "email invoice", "invoice", p.InvoiceID, "err", err)
	}
	return nil
}
