# Fixture: AWS batch calls (boto3) report failed items in their response, not as an exception.
import json


def queue_all(sqs, queue_url, items):
    sqs.send_message_batch(  # expect: ANY-BATCH-FAILURES-IGNORED
        QueueUrl=queue_url,
        Entries=[{"Id": str(i), "MessageBody": json.dumps(item)} for i, item in enumerate(items)],
    )


def purge(s3, bucket, keys):
    for start in range(0, len(keys), 1000):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys[start:start + 1000]]})  # expect: ANY-BATCH-FAILURES-IGNORED


def queue_all_checked(sqs, queue_url, items):
    resp = sqs.send_message_batch(
        QueueUrl=queue_url,
        Entries=[{"Id": str(i), "MessageBody": json.dumps(item)} for i, item in enumerate(items)],
    )
    if resp.get("Failed"):
        raise RuntimeError(f"{len(resp['Failed'])} entries failed")


def purge_returned(s3, bucket, keys):
    return s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})


def save_all(table, items):
    # a method of the same name that is not the SDK's (no AWS parameters)
    table.batch_write_item(items)


def publish(client, records):
    out = (
        client.put_records(StreamName="clicks", Records=records)
    )
    return out["FailedRecordCount"]
