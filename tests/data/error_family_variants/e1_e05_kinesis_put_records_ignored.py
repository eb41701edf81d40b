# want: ANY-BATCH-FAILURES-IGNORED
import json


def publish_clicks(kinesis, stream: str, clicks: list[dict]) -> int:
    records = [{"Data": json.dumps(c).encode(), "PartitionKey": c["session_id"]} for c in clicks]
    kinesis.put_records(StreamName=stream, Records=records)
    return len(records)
