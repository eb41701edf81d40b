# clean: PY-LOOKUP-NOT-CALLER-SCOPED
from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import Note, db

bp = Blueprint("notes", __name__)


@bp.get("/notes")
@login_required
def list_notes():
    rows = db.session.scalars(db.select(Note).where(Note.author_id == current_user.id)).all()
    return jsonify([n.to_dict() for n in rows])


@bp.get("/notes/<int:note_id>")
@login_required
def get_note(note_id: int):
    note = db.session.get(Note, note_id)
    if note is None or note.author_id != current_user.id:
        abort(404)
    return jsonify(note.to_dict())
