# want: PY-SSRF
from urllib.parse import urlparse

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse


async def fetch_icon(request: Request) -> JSONResponse:
    url = request.query_params["url"]
    if urlparse(url).scheme not in ("http", "https"):
        return JSONResponse({"error": "bad scheme"}, status_code=400)
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.get(url)
    return JSONResponse({"type": resp.headers.get("content-type")})
