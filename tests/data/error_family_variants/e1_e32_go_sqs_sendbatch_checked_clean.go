// clean: GO-BATCH-FAILURES-IGNORED (failed entries turn into an error)
package reminders

func (q *Queue) Enqueue(ctx context.Context, items []Reminder) error {
	entries := make([]types.SendMessageBatchRequestEntry, 0, len(items))
	for i, r := range items {
		entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(r.JSON())})
	}
	out, err := q.client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(q.url), Entries: entries})
	if err != nil {
		return fmt.Errorf("send batch: %w", err)
	}
	if len(out.Failed) > 0 {
		return fmt.Errorf("send batch: %d entries failed", len(out.Failed))
	}
	return nil
}
