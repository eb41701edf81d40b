// want: ANY-BATCH-FAILURES-IGNORED
package com.acme.notifications;

@Service
public class ReminderPublisher {

    private final SqsClient sqs;
    private final String queueUrl;

    public ReminderPublisher(SqsClient sqs, @Value("${reminders.queue-url}") String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void publish(List<Reminder> reminders) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < reminders.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(reminders.get(i).toJson()).build());
        }
        sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
    }
}
