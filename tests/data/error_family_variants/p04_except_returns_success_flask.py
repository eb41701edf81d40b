# want: PY-ERROR-ANSWERED-OK
from flask import Blueprint, jsonify, request

bp = Blueprint("payments", __name__)


@bp.route("/payments", methods=["POST"])
def create_payment():
    data = request.get_json()
    try:
        gateway.charge(data["customer_id"], data["amount"])
    except GatewayError as exc:
        current_app.logger.error("charge failed: %s", exc)
        return jsonify({"status": "ok"})
    return jsonify({"status": "ok"}), 201
