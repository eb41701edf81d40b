# clean: PY-SSRF
from urllib.parse import urlparse

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse

ICON_HOSTS = {"www.google.com", "icons.duckduckgo.com"}


async def fetch_icon(request: Request) -> JSONResponse:
    url = request.query_params["url"]
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ICON_HOSTS:
        return JSONResponse({"error": "host not allowed"}, status_code=400)
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.get(url)
    return JSONResponse({"type": resp.headers.get("content-type")})
