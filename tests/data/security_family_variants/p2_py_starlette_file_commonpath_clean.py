# clean: PY-PATH-TRAVERSAL
# path: app/routes/exports.py
import os

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Route

EXPORT_DIR = os.path.realpath("/var/lib/reports/exports")


async def download_export(request):
    name = request.path_params["name"]
    candidate = os.path.realpath(os.path.join(EXPORT_DIR, name))
    if os.path.commonpath([candidate, EXPORT_DIR]) != EXPORT_DIR:
        raise HTTPException(status_code=404)
    if not os.path.isfile(candidate):
        raise HTTPException(status_code=404)
    return FileResponse(candidate, filename=os.path.basename(candidate))


routes = [Route("/exports/{name}", download_export)]
