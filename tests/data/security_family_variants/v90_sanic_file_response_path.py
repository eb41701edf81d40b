# want: PY-PATH-TRAVERSAL
import os

from sanic import Sanic
from sanic.response import file

app = Sanic("docs")
DOCS = "/srv/docs"


@app.get("/docs")
async def doc(request):
    page = request.args.get("page", "index.html")
    return await file(os.path.join(DOCS, page))
