# clean: PY-TIMING-COMPARE
import hashlib
import hmac

from flask import Blueprint, abort, current_app, request

bp = Blueprint("hooks", __name__)


def _signature_ok(body: bytes, header: str) -> bool:
    expected = hmac.new(current_app.config["SHIPPO_WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header or "")


@bp.post("/hooks/shippo")
def shippo_hook():
    if not _signature_ok(request.get_data(), request.headers.get("X-Shippo-Signature", "")):
        abort(401)
    current_app.extensions["queue"].enqueue("tracking.update", request.get_json())
    return "", 204
