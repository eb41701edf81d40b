# clean: PY-SSRF
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()
ALLOWED_HOSTS = frozenset({"hooks.slack.com", "discord.com", "outlook.office.com"})


class Probe(BaseModel):
    url: str


@router.post("/integrations/test")
async def test_integration(body: Probe):
    parts = urlsplit(body.url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="unsupported destination")
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
        resp = await client.post(body.url, json={"text": "Test message"})
    return {"status": resp.status_code}
