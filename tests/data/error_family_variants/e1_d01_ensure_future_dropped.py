# want: PY-TASK-DROPPED
import asyncio

from fastapi import APIRouter

router = APIRouter()


@router.post("/orders/{order_id}/receipt")
async def send_receipt(order_id: int) -> dict:
    order = await orders.get(order_id)
    asyncio.ensure_future(mailer.send_receipt(order.email, order.id))
    return {"queued": True}
