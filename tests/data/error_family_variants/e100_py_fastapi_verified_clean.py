# clean: PY-ERROR-ANSWERED-OK
import logging

import httpx
from fastapi import APIRouter, Depends, HTTPException

from app.deps import current_user
from app.kyc import kyc_client

router = APIRouter()
log = logging.getLogger(__name__)


@router.post("/me/identity/verify")
async def verify_identity(payload: dict, user=Depends(current_user)):
    try:
        result = await kyc_client.check(user.id, payload["document_token"])
    except httpx.HTTPError as exc:
        log.warning("kyc provider error for %s: %s", user.id, exc)
        raise HTTPException(status_code=503, detail="identity check unavailable") from exc
    return {"verified": result.passed}
