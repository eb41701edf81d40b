# want: PY-SSRF
import aiohttp
from aiohttp import web

routes = web.RouteTableDef()


@routes.post("/integrations/test")
async def test_integration(request: web.Request) -> web.Response:
    body = await request.json()
    target = body["webhook_url"]
    payload = {"event": "ping", "account": request["account_id"]}
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(target, json=payload) as resp:
            status = resp.status
    return web.json_response({"delivered": status < 400, "status": status})
