# want: PY-SQL-STRING
from flask import Blueprint, jsonify, request

from .db import get_conn

bp = Blueprint("reports", __name__)


def _rows_for(conn, ids):
    placeholders = ",".join(ids)
    cur = conn.cursor()
    cur.execute(f"SELECT id, name, amount FROM invoices WHERE id IN ({placeholders})")
    return cur.fetchall()


@bp.get("/invoices/batch")
def batch():
    ids = request.args.getlist("id")
    return jsonify(_rows_for(get_conn(), ids))
