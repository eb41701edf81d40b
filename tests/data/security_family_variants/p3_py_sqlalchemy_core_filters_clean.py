# clean: PY-SQL-STRING
from flask import Blueprint, request
from sqlalchemy import and_, select

from app.db import session
from app.models import AuditEvent

bp = Blueprint("audit", __name__)


@bp.get("/audit")
def search_audit():
    clauses = [AuditEvent.org_id == request.org_id]
    if actor := request.args.get("actor"):
        clauses.append(AuditEvent.actor_email == actor)
    if action := request.args.get("action"):
        clauses.append(AuditEvent.action.like(f"{action}%"))
    stmt = select(AuditEvent).where(and_(*clauses)).order_by(AuditEvent.created_at.desc()).limit(100)
    return {"events": [e.to_dict() for e in session.scalars(stmt)]}
