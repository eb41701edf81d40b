# clean: PY-ROUTE-NO-AUTH
from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from ..models import Coupon, db

bp = Blueprint("coupons", __name__, url_prefix="/admin/coupons")


@bp.before_request
@login_required
def require_admin():
    if not current_user.is_admin:
        abort(403)


@bp.get("/")
def list_coupons():
    return jsonify([c.to_dict() for c in Coupon.query.all()])


@bp.post("/")
def create_coupon():
    coupon = Coupon(code=request.json["code"], percent_off=request.json["percent_off"])
    db.session.add(coupon)
    db.session.commit()
    return jsonify(coupon.to_dict()), 201


@bp.delete("/<int:coupon_id>")
def delete_coupon(coupon_id: int):
    coupon = db.get_or_404(Coupon, coupon_id)
    db.session.delete(coupon)
    db.session.commit()
    return "", 204
