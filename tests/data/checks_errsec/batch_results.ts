// Fixture: AWS batch calls (SDK for JavaScript) report failed items in their response, not by throwing.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

export async function enqueue(queueUrl: string, ids: string[]): Promise<void> {
  await sqs.send(new SendMessageBatchCommand({ // expect: ANY-BATCH-FAILURES-IGNORED
    QueueUrl: queueUrl,
    Entries: ids.map((id, n) => ({ Id: String(n), MessageBody: id })),
  }));
}

export async function saveAll(doc: DynamoDBDocumentClient, table: string, items: Item[]): Promise<void> {
  const command = new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } });
  await doc.send(command); // expect: ANY-BATCH-FAILURES-IGNORED
}

export async function purgeV2(s3: AWS.S3, bucket: string, keys: string[]): Promise<void> {
  await s3.deleteObjects({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }).promise(); // expect: ANY-BATCH-FAILURES-IGNORED
}

export async function enqueueChecked(queueUrl: string, ids: string[]): Promise<void> {
  const out = await sqs.send(new SendMessageBatchCommand({
    QueueUrl: queueUrl,
    Entries: ids.map((id, n) => ({ Id: String(n), MessageBody: id })),
  }));
  if (out.Failed?.length) throw new Error(`${out.Failed.length} entries failed`);
}

export function enqueueReturned(queueUrl: string, ids: string[]) {
  return sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ids.map((id, n) => ({ Id: String(n), MessageBody: id })) }));
}

export async function localBatch(store: LocalStore, rows: Row[]): Promise<void> {
  // not the SDK: no AWS parameters and no `.promise()`
  await store.putRecords(rows);
}
