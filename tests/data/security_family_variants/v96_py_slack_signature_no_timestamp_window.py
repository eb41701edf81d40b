# want: PY-WEBHOOK-UNVERIFIED
import hashlib
import hmac
import os

from flask import Flask, abort, request

app = Flask(__name__)
SIGNING_SECRET = os.environ["SLACK_SIGNING_SECRET"].encode()


@app.post("/slack/events")
def slack_events():
    timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
    base = f"v0:{timestamp}:".encode() + request.get_data()
    expected = "v0=" + hmac.new(SIGNING_SECRET, base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Slack-Signature", "")):
        abort(401)
    handle_event(request.get_json())
    return "", 200
