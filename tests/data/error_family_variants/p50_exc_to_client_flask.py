# want: PY-EXCEPTION-LEAK
from flask import jsonify


@bp.route("/reports/<int:report_id>")
def report(report_id):
    try:
        return jsonify(build_report(report_id))
    except Exception as exc:
        return jsonify({"error": str(exc)}), 500
