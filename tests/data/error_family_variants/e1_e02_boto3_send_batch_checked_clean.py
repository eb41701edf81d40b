# clean: ANY-BATCH-FAILURES-IGNORED (the failed entries are read and raised)
import json

import boto3

sqs = boto3.client("sqs")


def enqueue_reminders(queue_url: str, reminders: list[dict]) -> int:
    for start in range(0, len(reminders), 10):
        chunk = reminders[start:start + 10]
        resp = sqs.send_message_batch(
            QueueUrl=queue_url,
            Entries=[{"Id": str(i), "MessageBody": json.dumps(r)} for i, r in enumerate(chunk)],
        )
        if resp.get("Failed"):
            raise RuntimeError(f"{len(resp['Failed'])} reminders were not queued")
    return len(reminders)
