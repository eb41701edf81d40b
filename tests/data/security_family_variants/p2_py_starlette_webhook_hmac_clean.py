# clean: PY-WEBHOOK-UNVERIFIED
# path: app/routes/github_webhook.py
import hashlib
import hmac
import os

from starlette.responses import JSONResponse, Response

SECRET = os.environ["GITHUB_WEBHOOK_SECRET"].encode()


async def github_webhook(request):
    body = await request.body()
    signature = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return Response(status_code=401)
    event = await request.json()
    await enqueue_event(request.headers["X-GitHub-Event"], event)
    return JSONResponse({"queued": True})
