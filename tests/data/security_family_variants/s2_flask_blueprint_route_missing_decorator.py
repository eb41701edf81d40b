# want: PY-ROUTE-NO-AUTH
from flask import Blueprint, jsonify, request

from ..auth import admin_required, login_required
from ..models import Coupon, db

bp = Blueprint("coupons", __name__, url_prefix="/admin/coupons")


@bp.get("/")
@login_required
@admin_required
def list_coupons():
    return jsonify([c.to_dict() for c in Coupon.query.all()])


@bp.post("/")
@login_required
@admin_required
def create_coupon():
    coupon = Coupon(code=request.json["code"], percent_off=request.json["percent_off"])
    db.session.add(coupon)
    db.session.commit()
    return jsonify(coupon.to_dict()), 201


@bp.put("/<int:coupon_id>")
@login_required
@admin_required
def update_coupon(coupon_id: int):
    coupon = db.get_or_404(Coupon, coupon_id)
    coupon.percent_off = request.json["percent_off"]
    db.session.commit()
    return jsonify(coupon.to_dict())


@bp.delete("/<int:coupon_id>")
def delete_coupon(coupon_id: int):
    coupon = db.get_or_404(Coupon, coupon_id)
    db.session.delete(coupon)
    db.session.commit()
    return "", 204
