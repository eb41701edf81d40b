// want: ANY-BATCH-FAILURES-IGNORED
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function enqueueInvoices(queueUrl: string, invoiceIds: string[]): Promise<number> {
  for (let i = 0; i < invoiceIds.length; i += 10) {
    const chunk = invoiceIds.slice(i, i + 10);
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: chunk.map((id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ invoiceId: id }) })),
    }));
  }
  return invoiceIds.length;
}
