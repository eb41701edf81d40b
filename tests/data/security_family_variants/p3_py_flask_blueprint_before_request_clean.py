# clean: PY-ROUTE-NO-AUTH
from flask import Blueprint, abort, g, jsonify

from app.auth import load_user_from_session
from app.models import Team

bp = Blueprint("teams", __name__, url_prefix="/teams")


@bp.before_request
def require_login():
    g.user = load_user_from_session()
    if g.user is None:
        abort(401)


@bp.get("/")
def teams():
    return jsonify([t.to_dict() for t in Team.query.filter_by(org_id=g.user.org_id)])


@bp.delete("/<int:team_id>")
def delete_team(team_id: int):
    team = Team.query.filter_by(id=team_id, org_id=g.user.org_id).first_or_404()
    team.delete()
    return "", 204
