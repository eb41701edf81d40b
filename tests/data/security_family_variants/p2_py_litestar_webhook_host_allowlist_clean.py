# clean: PY-SSRF
# path: app/controllers/webhooks.py
from urllib.parse import urlparse

import httpx
from litestar import post
from litestar.exceptions import ValidationException

ALLOWED_WEBHOOK_HOSTS = frozenset({"hooks.slack.com", "discord.com", "outlook.office.com"})


@post("/integrations/test-webhook")
async def test_webhook(data: dict) -> dict:
    target = data["url"]
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_WEBHOOK_HOSTS:
        raise ValidationException("webhook host is not allowed")
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
        response = await client.post(target, json={"text": "test message"})
    return {"status": response.status_code}
