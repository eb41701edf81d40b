# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: app/documents/routes.py
from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Document

bp = Blueprint("documents", __name__)


@bp.patch("/documents/<int:doc_id>")
@login_required
def rename_document(doc_id):
    doc = db.session.get(Document, doc_id)
    if doc is None:
        abort(404)
    doc.title = request.json["title"]
    doc.updated_by_id = current_user.id
    db.session.commit()
    return jsonify(doc.to_dict())
