# want: PY-WEBHOOK-UNVERIFIED
from flask import Blueprint, request

from .billing import mark_invoice_paid

bp = Blueprint("webhooks", __name__)


@bp.post("/webhooks/payments")
def payments_webhook():
    event = request.get_json()
    if event["type"] == "invoice.paid":
        mark_invoice_paid(event["data"]["object"]["id"])
    return "", 204
