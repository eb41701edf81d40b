# clean: PY-TASK-DROPPED (the future's failure is read by a done callback)
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Blueprint, jsonify

bp = Blueprint("exports", __name__)
log = logging.getLogger(__name__)
_pool = ThreadPoolExecutor(max_workers=4)


def _report(future: Future) -> None:
    if future.exception() is not None:
        log.error("export failed", exc_info=future.exception())


@bp.post("/accounts/<int:account_id>/export")
def start_export(account_id: int):
    future = _pool.submit(build_export, account_id)
    future.add_done_callback(_report)
    return jsonify({"status": "started"}), 202
