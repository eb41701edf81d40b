# want: PY-MASS-ASSIGNMENT
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..models import db

bp = Blueprint("account", __name__)


@bp.patch("/account")
@login_required
def update_account():
    for key, value in request.get_json().items():
        setattr(current_user, key, value)
    db.session.commit()
    return jsonify(current_user.to_dict())
