# want: PY-LOOKUP-NOT-CALLER-SCOPED
from flask import Blueprint, abort
from flask_login import current_user, login_required
from sqlalchemy import delete, select

from ..extensions import db
from ..models import Project

bp = Blueprint("projects", __name__, url_prefix="/projects")


@bp.get("/<int:project_id>")
@login_required
def show(project_id: int):
    project = db.session.execute(
        select(Project).where(Project.id == project_id, Project.org_id == current_user.org_id)
    ).scalar_one_or_none()
    if project is None:
        abort(404)
    return project.to_dict()


@bp.delete("/<int:project_id>")
@login_required
def destroy(project_id: int):
    db.session.execute(delete(Project).where(Project.id == project_id))
    db.session.commit()
    return "", 204
