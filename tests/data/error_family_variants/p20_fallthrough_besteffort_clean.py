# clean: PY-ERROR-ANSWERED-OK
from flask import Blueprint, jsonify, request

bp = Blueprint("payments", __name__)


@bp.route("/payments", methods=["POST"])
def create_payment():
    data = PaymentIn.parse(request.get_json())
    payment = gateway.charge(data.customer_id, data.amount)
    try:
        analytics.track("payment", payment.id)
    except AnalyticsError:
        # best effort: analytics being down must not fail a payment that went through
        current_app.logger.warning("analytics failed")
    return jsonify({"status": "ok", "id": payment.id})
