# want: PY-SSRF
import re

import requests
from flask import Blueprint, abort, jsonify, request

bp = Blueprint("webhooks", __name__)
URL_RE = re.compile(r"^https?://")


@bp.post("/webhooks/test")
def test_webhook():
    target = request.json["target"]
    if not URL_RE.match(target):
        abort(400)
    resp = requests.post(target, json={"ping": True}, timeout=5)
    return jsonify(status=resp.status_code)
