# clean: PY-TASK-FAILURE-SWALLOWED
import logging

from redis import Redis
from rq.decorators import job

from media.storage import s3
from media.transcoder import transcode, TranscodeError

log = logging.getLogger(__name__)
redis = Redis()


@job("media", connection=redis, timeout=900)
def transcode_upload(upload_id: int, key: str) -> dict:
    try:
        source = s3.download(key)
        output = transcode(source, preset="720p")
        s3.upload(f"renditions/{upload_id}.mp4", output)
    except (TranscodeError, OSError) as exc:
        log.error("transcode of %s failed: %s", upload_id, exc)
        raise RuntimeError(f"transcode of {upload_id} failed") from exc
    return {"upload_id": upload_id, "ok": True}
