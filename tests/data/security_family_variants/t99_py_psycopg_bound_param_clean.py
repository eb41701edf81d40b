# clean: PY-SQL-STRING
from flask import Blueprint, jsonify, request

from app.db import pool

bp = Blueprint("users", __name__)


@bp.get("/admin/users/lookup")
def lookup_user():
    email = request.args["email"]
    query = "SELECT id, email, role FROM users WHERE email = %s"
    with pool.connection() as conn:
        row = conn.execute(query, (email,)).fetchone()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify({"id": row[0], "email": row[1], "role": row[2]})
