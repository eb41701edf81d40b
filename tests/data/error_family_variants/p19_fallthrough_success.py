# want: PY-ERROR-ANSWERED-OK
from flask import Blueprint, jsonify, request

bp = Blueprint("payments", __name__)


@bp.route("/payments", methods=["POST"])
def create_payment():
    data = PaymentIn.parse(request.get_json())
    try:
        gateway.charge(data.customer_id, data.amount)
    except GatewayError:
        current_app.logger.exception("charge failed")
    return jsonify({"status": "ok"})
