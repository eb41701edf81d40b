// want: GO-ERROR-ANSWERED-OK
package outbox

func (w *Worker) deliver(ctx context.Context, job Job) error {
	if err := w.mailer.Send(ctx, job.To, job.Body); err != nil {
		w.log.Error("send mail", "job", job.ID, "err", err)
	}
	return w.jobs.MarkDone(ctx, job.ID)
}
