# clean: PY-ERROR-ANSWERED-OK
import logging

import requests
from flask import Blueprint, jsonify, request

from app.payouts import payout_client

bp = Blueprint("payouts", __name__)
log = logging.getLogger(__name__)


@bp.post("/payouts")
def create_payout():
    body = request.get_json()
    try:
        ref = payout_client.submit(body["account_id"], body["amount_cents"])
    except requests.RequestException as exc:
        log.error("payout submit failed: %s", exc)
        return jsonify(error="payout provider unavailable"), 502
    return jsonify(status="submitted", reference=ref), 201
