import hashlib
import hmac
import os

from fastapi import APIRouter, Header, HTTPException, Request

router = APIRouter()
SECRET = os.environ["SHOP_SECRET"].encode()


@router.post("/webhooks/shop")
async def shop(request: Request, x_signature: str | None = Header(default=None)):
    body = await request.body()
    if x_signature and not hmac.compare_digest(hmac.new(SECRET, body, hashlib.sha256).hexdigest(), x_signature):  # expect: PY-WEBHOOK-UNVERIFIED
        raise HTTPException(status_code=401)
    return await fulfil(body)


@router.post("/webhooks/billing")
async def billing(request: Request, x_signature: str = Header(default="")):
    body = await request.body()
    if not x_signature or not hmac.compare_digest(hmac.new(SECRET, body, hashlib.sha256).hexdigest(), x_signature):
        raise HTTPException(status_code=401)
    return await settle(body)
