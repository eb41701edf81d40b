// Fixture: AWS batch calls (SDK for Java) report failed items in their response, not by throwing.
package com.acme.batch;

public class BatchResults {

    private final SqsClient sqs;
    private final S3Client s3;
    private final AmazonS3 legacyS3;
    private final KinesisClient kinesis;

    public void enqueue(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build()); // expect: ANY-BATCH-FAILURES-IGNORED
    }

    public void purge(String bucket, List<ObjectIdentifier> ids) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids))); // expect: ANY-BATCH-FAILURES-IGNORED
    }

    public void publish(String stream, List<PutRecordsRequestEntry> records) {
        PutRecordsRequest request = PutRecordsRequest.builder().streamName(stream).records(records).build();
        kinesis.putRecords(request); // expect: ANY-BATCH-FAILURES-IGNORED
    }

    public void enqueueChecked(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException(response.failed().size() + " entries failed");
        }
    }

    public void purgeLegacy(String bucket, List<KeyVersion> keys) {
        // SDK v1 throws MultiObjectDeleteException when some keys fail
        legacyS3.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(keys));
    }

    public void publishToLocal(LocalStream stream, List<Event> events) {
        stream.putRecords(events);
    }
}
