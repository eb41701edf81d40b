# clean: PY-SSRF
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

routes = web.RouteTableDef()
ALLOWED_HOSTS = {"hooks.slack.com", "discord.com", "outlook.office.com"}


@routes.post("/integrations/test")
async def test_integration(request: web.Request) -> web.Response:
    body = await request.json()
    target = body["webhook_url"]
    parts = urlsplit(target)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise web.HTTPBadRequest(text="unsupported webhook host")
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(target, json={"event": "ping"}) as resp:
            status = resp.status
    return web.json_response({"delivered": status < 400, "status": status})
