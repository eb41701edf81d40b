# want: PY-SQL-STRING
from flask import Blueprint, jsonify, request

from app.db import get_conn

bp = Blueprint("customers", __name__)


@bp.get("/customers/search")
def search_customers():
    name = request.args.get("name", "")
    sql = f"SELECT id, name, email FROM customers WHERE name = '{name}' ORDER BY name"
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(sql)
        rows = cur.fetchall()
    return jsonify([{"id": r[0], "name": r[1], "email": r[2]} for r in rows])
