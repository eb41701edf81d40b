# want: PY-ERROR-ANSWERED-OK
import logging

import httpx
from fastapi import APIRouter, Depends

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
        return {"verified": True}
    return {"verified": result.passed}
