// clean: GO-LOOP-IGNORES-CTX
package mailer

func (w *Worker) Run(ctx context.Context) error {
	for job := range w.jobs {
		if err := w.send(ctx, job); err != nil {
			w.log.Error("send mail", "to", job.To, "err", err)
		}
	}
	return nil
}
