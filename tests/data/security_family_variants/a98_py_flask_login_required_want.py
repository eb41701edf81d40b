# want: PY-ROUTE-NO-AUTH
# path: app/notes/routes.py
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Note

bp = Blueprint("notes", __name__, url_prefix="/notes")


@bp.get("/")
@login_required
def list_notes():
    return jsonify([n.to_dict() for n in current_user.notes])


@bp.post("/")
@login_required
def create_note():
    note = Note(body=request.json["body"], author=current_user)
    db.session.add(note)
    db.session.commit()
    return jsonify(note.to_dict()), 201


@bp.post("/purge-archived")
def purge_archived():
    Note.query.filter_by(archived=True).delete()
    db.session.commit()
    return "", 204
