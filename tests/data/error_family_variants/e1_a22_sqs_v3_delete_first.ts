// want: ANY-ACK-BEFORE-PROCESS
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function pollRefunds(queueUrl: string): Promise<void> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
  for (const message of out.Messages ?? []) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    const refund = JSON.parse(message.Body ?? '{}');
    await refunds.issue(refund.orderId, refund.amount);
  }
}
