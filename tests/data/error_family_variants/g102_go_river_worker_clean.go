// clean: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"
)

type SendInvoiceArgs struct {
	InvoiceID int64 `json:"invoice_id"`
}

func (SendInvoiceArgs) Kind() string { return "send_invoice" }

type SendInvoiceWorker struct {
	river.WorkerDefaults[SendInvoiceArgs]
	mailer  Mailer
	invoices InvoiceStore
}

func (w *SendInvoiceWorker) Work(ctx context.Context, job *river.Job[SendInvoiceArgs]) error {
	inv, err := w.invoices.Get(ctx, job.Args.InvoiceID)
	if err != nil {
		return fmt.Errorf("load invoice %d: %w", job.Args.InvoiceID, err)
	}
	if inv.SentAt != nil {
		return nil
	}
	if err := w.mailer.SendInvoice(ctx, inv); err != nil {
		return err
	}
	return w.invoices.MarkSent(ctx, inv.ID)
}
