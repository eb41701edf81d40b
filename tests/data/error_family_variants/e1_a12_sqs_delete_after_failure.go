// want: ANY-ACK-ON-FAILURE
package worker

func (w *Worker) handle(ctx context.Context, msg types.Message) {
	if err := w.process(ctx, aws.ToString(msg.Body)); err != nil {
		w.logger.Error("process message", zap.Error(err))
	}
	_, err := w.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{
		QueueUrl:      aws.String(w.queueURL),
		ReceiptHandle: msg.ReceiptHandle,
	})
	if err != nil {
		w.logger.Error("delete message", zap.Error(err))
	}
}
