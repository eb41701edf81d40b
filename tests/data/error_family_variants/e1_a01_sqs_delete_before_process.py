# want: ANY-ACK-BEFORE-PROCESS
import json

import boto3

sqs = boto3.client("sqs")


def poll_invoices(queue_url: str) -> None:
    while True:
        resp = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=20)
        for message in resp.get("Messages", []):
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            event = json.loads(message["Body"])
            apply_invoice_event(event)
