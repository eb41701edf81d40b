# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/orders.py
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import current_user
from app.db import get_session
from app.models import Order, User

router = APIRouter()


@router.get("/orders")
async def list_orders(user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    rows = await session.scalars(select(Order).where(Order.customer_id == user.id))
    return rows.all()


@router.post("/orders/{order_id}/cancel")
async def cancel_order(order_id: int, user: User = Depends(current_user),
                       session: AsyncSession = Depends(get_session)):
    order = await session.get(Order, order_id)
    if order is None:
        raise HTTPException(404)
    order.status = "cancelled"
    await session.commit()
    return order
