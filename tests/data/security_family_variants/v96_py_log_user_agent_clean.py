# clean: PY-SECRET-IN-LOG
import logging

from fastapi import APIRouter, Request

logger = logging.getLogger(__name__)
router = APIRouter()


@router.post("/v1/imports")
async def start_import(request: Request):
    logger.info("import requested, user_agent=%s", request.headers.get("user-agent"))
    payload = await request.json()
    return {"queued": len(payload.get("rows", []))}
