# clean: PY-SSRF
from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, HTTPException

router = APIRouter()
ALLOWED_HOSTS = {"api.github.com", "gitlab.com"}


async def _fetch_page(target: str) -> str:
    async with httpx.AsyncClient(timeout=5, follow_redirects=False) as client:
        resp = await client.get(target)
        return resp.text[:2000]


@router.get("/link-preview")
async def link_preview(url: str):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="host not allowed")
    html = await _fetch_page(url)
    return {"snippet": html}
