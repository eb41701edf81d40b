# clean: PY-PATH-TRAVERSAL
from pathlib import Path

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import file

app = Sanic("docs")
DOCS = Path("/srv/docs").resolve()


@app.get("/docs")
async def doc(request):
    page = (DOCS / request.args.get("page", "index.html")).resolve()
    if not page.is_relative_to(DOCS):
        raise NotFound("no such page")
    return await file(page)
