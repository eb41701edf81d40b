# want: PY-TASK-DROPPED
from concurrent.futures import ThreadPoolExecutor

from flask import Blueprint, jsonify

bp = Blueprint("exports", __name__)
_pool = ThreadPoolExecutor(max_workers=4)


@bp.post("/accounts/<int:account_id>/export")
def start_export(account_id: int):
    _pool.submit(build_export, account_id)
    return jsonify({"status": "started"}), 202
