# want: PY-SSRF
import aiohttp
from aiohttp import web


async def unfurl(request: web.Request) -> web.Response:
    payload = await request.json()
    async with aiohttp.ClientSession() as session:
        async with session.get(payload["link"]) as resp:
            title = (await resp.text())[:200]
    return web.json_response({"title": title})


app = web.Application()
app.router.add_post("/unfurl", unfurl)
