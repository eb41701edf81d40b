# clean: PY-PATH-TRAVERSAL
from flask import Blueprint, current_app, send_from_directory
from flask_login import login_required
from werkzeug.utils import secure_filename

bp = Blueprint("exports", __name__)


@bp.get("/exports/<path:filename>")
@login_required
def get_export(filename: str):
    safe = secure_filename(filename)
    return send_from_directory(current_app.config["EXPORT_DIR"], safe, as_attachment=True)
