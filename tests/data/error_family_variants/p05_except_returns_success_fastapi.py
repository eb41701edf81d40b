# want: PY-ERROR-ANSWERED-OK
from fastapi import APIRouter

router = APIRouter()


@router.post("/orders/{order_id}/cancel")
async def cancel_order(order_id: int):
    try:
        await orders.cancel(order_id)
    except Exception as exc:
        logger.exception("cancel failed")
        return {"ok": True}
    return {"ok": True}
