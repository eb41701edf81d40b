# clean: ANY-TENANT-FROM-HEADER
from flask import Blueprint, abort, g, jsonify, request

from .models import UsageEvent, db

bp = Blueprint("usage", __name__)


@bp.get("/usage")
def usage():
    tenant_id = request.headers.get("X-Tenant-Id") or g.user.tenant_id
    if tenant_id not in g.user.tenant_ids:
        abort(403)
    rows = db.session.scalars(db.select(UsageEvent).where(UsageEvent.tenant_id == tenant_id)).all()
    return jsonify([r.to_dict() for r in rows])
