# clean: PY-SQL-STRING
# path: app/views/reports.py
from flask import Blueprint, jsonify, request

from app.models import db

reports = Blueprint("reports", __name__)


@reports.get("/reports/daily")
def daily_report():
    start = request.args["start"]
    end = request.args["end"]
    cursor = db.execute_sql(
        "SELECT date(created_at) AS day, sum(amount) FROM payments "
        "WHERE merchant_id = %s AND created_at BETWEEN %s AND %s GROUP BY day ORDER BY day",
        (request.merchant.id, start, end),
    )
    return jsonify([{"day": str(day), "total": total} for day, total in cursor.fetchall()])
