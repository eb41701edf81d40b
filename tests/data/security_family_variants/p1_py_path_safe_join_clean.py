# clean: PY-PATH-TRAVERSAL
from flask import Blueprint, abort, current_app, send_file
from werkzeug.security import safe_join

bp = Blueprint("exports", __name__)


@bp.get("/exports/<name>")
def download(name: str):
    path = safe_join(current_app.config["EXPORT_DIR"], name)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True)
