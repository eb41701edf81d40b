# clean: PY-ERROR-ANSWERED-OK
from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.post("/orders/{order_id}/cancel")
async def cancel_order(order_id: int):
    try:
        await orders.cancel(order_id)
    except OrderNotFound:
        raise HTTPException(status_code=404, detail="order not found")
    return {"ok": True}
