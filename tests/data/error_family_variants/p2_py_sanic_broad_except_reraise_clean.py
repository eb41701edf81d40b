# clean: PY-BROAD-EXCEPT
import logging

from sanic import Blueprint, json
from sanic.exceptions import ServerError

log = logging.getLogger(__name__)
bp = Blueprint("exports")


@bp.post("/exports")
async def create_export(request):
    try:
        job_id = await request.app.ctx.exporter.start(request.ctx.user.id, request.json)
    except Exception as exc:
        log.exception("export failed for user %s", request.ctx.user.id)
        raise ServerError("export could not be started") from exc
    return json({"job_id": job_id}, status=202)
