# clean: PY-BROAD-EXCEPT
import logging

from app.queue import export_queue

log = logging.getLogger(__name__)


def start_export(account_id: int, fmt: str) -> str:
    try:
        job = export_queue.enqueue("exports.run", account_id, fmt)
    except Exception:
        log.exception("could not enqueue export for account %s", account_id)
        raise
    return job.id
