# want: PY-PATH-TRAVERSAL
import os

import aiofiles
from quart import Quart, abort, request

app = Quart(__name__)
UPLOADS = "/srv/uploads"


def _upload_path(name: str) -> str:
    return os.path.join(UPLOADS, name)


@app.get("/uploads")
async def read_upload():
    path = _upload_path(request.args["name"])
    if not path.startswith(UPLOADS):
        abort(404)
    async with aiofiles.open(path, "rb") as fh:
        return await fh.read()
