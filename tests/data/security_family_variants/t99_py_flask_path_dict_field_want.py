# want: PY-PATH-TRAVERSAL
import os

from flask import Blueprint, request, send_file
from flask_login import login_required

bp = Blueprint("reports", __name__)
REPORTS_DIR = "/var/lib/app/reports"


@bp.post("/reports/download")
@login_required
def download_report():
    data = request.get_json(force=True)
    opts = {"name": data["report"], "inline": data.get("inline", False)}
    path = os.path.join(REPORTS_DIR, opts["name"])
    return send_file(path, as_attachment=not opts["inline"])
