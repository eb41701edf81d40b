# clean: PY-PATH-TRAVERSAL
from pathlib import Path

from flask import Blueprint, abort, request, send_file
from flask_login import login_required

bp = Blueprint("reports", __name__)
REPORTS_DIR = Path("/var/lib/app/reports").resolve()


@bp.post("/reports/download")
@login_required
def download_report():
    data = request.get_json(force=True)
    name = data["report"]
    path = (REPORTS_DIR / name).resolve()
    if not path.is_relative_to(REPORTS_DIR) or not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True)
