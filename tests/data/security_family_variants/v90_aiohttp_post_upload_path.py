# want: PY-PATH-TRAVERSAL
import os

from aiohttp import web

routes = web.RouteTableDef()
UPLOADS = "/srv/uploads"


@routes.post("/avatars")
async def upload_avatar(request: web.Request) -> web.Response:
    form = await request.post()
    field = form["avatar"]
    with open(os.path.join(UPLOADS, field.filename), "wb") as out:
        out.write(field.file.read())
    return web.json_response({"ok": True})
