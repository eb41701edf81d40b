from flask import Blueprint, request

from .shipping import mark_delivered

bp = Blueprint("hooks", __name__)


@bp.post("/webhooks/courier")
def courier_webhook():  # expect: PY-WEBHOOK-UNVERIFIED
    event = request.get_json(silent=True) or {}
    mark_delivered(event.get("parcel"), event.get("state"))
    return "", 204


@bp.post("/webhooks")
def add_webhook():
    # the app's own list of webhook subscriptions: its users manage it
    data = request.get_json(silent=True) or {}
    save_subscription(data.get("url"))
    return "", 201
