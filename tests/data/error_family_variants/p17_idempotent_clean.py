# clean: PY-ERROR-ANSWERED-OK
from fastapi import APIRouter

router = APIRouter()


@router.post("/subscriptions/{sub_id}/cancel")
async def cancel(sub_id: int):
    try:
        await subscriptions.cancel(sub_id)
    except AlreadyCancelled:
        logger.info("subscription %s already cancelled", sub_id)
        return {"ok": True}
    return {"ok": True}
