# clean: PY-SQL-STRING
from flask import Blueprint, jsonify, request

from app.db import get_conn

bp = Blueprint("labels", __name__)


@bp.post("/labels/archive")
def archive_labels():
    ids = [int(x) for x in request.get_json()["ids"]][:500]
    if not ids:
        return jsonify(archived=0)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"UPDATE labels SET archived_at = now() WHERE id IN ({placeholders})"
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(sql, ids)
        count = cur.rowcount
    return jsonify(archived=count)
