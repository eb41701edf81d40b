# want: PY-WEBHOOK-UNVERIFIED
import hashlib
import hmac
import os

from fastapi import APIRouter, Header, HTTPException, Request

from .orders import fulfil

router = APIRouter()
SECRET = os.environ["SHOP_WEBHOOK_SECRET"].encode()


@router.post("/webhooks/shop")
async def shop_webhook(request: Request, x_shop_signature: str | None = Header(default=None)):
    body = await request.body()
    if x_shop_signature:
        expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, x_shop_signature):
            raise HTTPException(status_code=401)
    event = await request.json()
    await fulfil(event["order_id"])
    return {"ok": True}
