# clean: PY-SHELL-INJECTION
# path: app/blueprints/thumbnails.py
import asyncio
import re

from sanic import Blueprint
from sanic.exceptions import BadRequest

bp = Blueprint("thumbs")
SIZE = re.compile(r"^\d{2,4}x\d{2,4}$")


@bp.post("/thumbnails/<image_id:int>")
async def make_thumbnail(request, image_id: int):
    size = request.json.get("size", "256x256")
    if not SIZE.match(size):
        raise BadRequest("bad size")
    source = f"/srv/images/{image_id}.png"
    target = f"/srv/thumbs/{image_id}-{size}.png"
    proc = await asyncio.create_subprocess_exec(
        "convert", source, "-resize", size, target,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    if proc.returncode != 0:
        raise BadRequest(err.decode()[:200])
    return {"thumbnail": target}
