# clean: ANY-BATCH-FAILURES-IGNORED (failed records are raised)
import json


def publish_clicks(kinesis, stream: str, clicks: list[dict]) -> int:
    records = [{"Data": json.dumps(c).encode(), "PartitionKey": c["session_id"]} for c in clicks]
    resp = kinesis.put_records(StreamName=stream, Records=records)
    if resp["FailedRecordCount"]:
        codes = {out["ErrorCode"] for out in resp["Records"] if "ErrorCode" in out}
        raise RuntimeError(f"{resp['FailedRecordCount']} click records failed: {sorted(codes)}")
    return len(records)
