// want: GO-BATCH-FAILURES-IGNORED
package clicks

func (p *Publisher) Publish(ctx context.Context, clicks []Click) error {
	entries := make([]types.PutRecordsRequestEntry, 0, len(clicks))
	for _, c := range clicks {
		data, err := json.Marshal(c)
		if err != nil {
			return err
		}
		entries = append(entries, types.PutRecordsRequestEntry{Data: data, PartitionKey: aws.String(c.SessionID)})
	}
	_, err := p.kinesis.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String(p.stream), Records: entries})
	return err
}
