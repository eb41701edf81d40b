# clean: PY-PATH-TRAVERSAL
import os
import uuid

from aiohttp import web

routes = web.RouteTableDef()
UPLOADS = "/srv/uploads"


@routes.post("/avatars")
async def upload_avatar(request: web.Request) -> web.Response:
    form = await request.post()
    field = form["avatar"]
    ext = os.path.splitext(os.path.basename(field.filename))[1].lower()
    with open(os.path.join(UPLOADS, f"{uuid.uuid4().hex}{ext}"), "wb") as out:
        out.write(field.file.read())
    return web.json_response({"ok": True})
