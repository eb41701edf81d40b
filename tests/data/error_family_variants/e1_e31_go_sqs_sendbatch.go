// want: GO-BATCH-FAILURES-IGNORED
package reminders

func (q *Queue) Enqueue(ctx context.Context, items []Reminder) error {
	entries := make([]types.SendMessageBatchRequestEntry, 0, len(items))
	for i, r := range items {
		entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(r.JSON())})
	}
	if _, err := q.client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(q.url), Entries: entries}); err != nil {
		return fmt.Errorf("send batch: %w", err)
	}
	return nil
}
