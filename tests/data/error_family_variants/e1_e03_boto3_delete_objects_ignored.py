# want: ANY-BATCH-FAILURES-IGNORED
import logging

log = logging.getLogger(__name__)


def purge_exports(s3, bucket: str, keys: list[str]) -> None:
    for start in range(0, len(keys), 1000):
        batch = keys[start:start + 1000]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True})
    log.info("purged %d export files", len(keys))
