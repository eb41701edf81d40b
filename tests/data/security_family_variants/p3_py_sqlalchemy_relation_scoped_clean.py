# clean: PY-LOOKUP-NOT-CALLER-SCOPED
from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from app.models import Document

bp = Blueprint("documents", __name__)


@bp.get("/documents/<int:doc_id>")
@login_required
def show_document(doc_id: int):
    doc = current_user.workspace.documents.filter(Document.id == doc_id).one_or_none()
    if doc is None:
        abort(404)
    return jsonify(doc.to_dict())
