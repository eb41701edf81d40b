# clean: PY-LOOKUP-NOT-CALLER-SCOPED
from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import Order, Plan, db

bp = Blueprint("billing", __name__)


@bp.get("/orders/<int:order_id>")
@login_required
def get_order(order_id: int):
    order = db.session.scalars(
        db.select(Order).where(Order.id == order_id, Order.customer_id == current_user.id)
    ).first()
    if order is None:
        abort(404)
    return jsonify(order.to_dict())


@bp.get("/plans/<int:plan_id>")
def get_plan(plan_id: int):
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.public:
        abort(404)
    return jsonify(plan.to_dict())
