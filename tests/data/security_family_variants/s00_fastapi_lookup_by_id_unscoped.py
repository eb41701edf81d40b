# want: PY-LOOKUP-NOT-CALLER-SCOPED
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from .auth import current_user
from .db import get_session
from .models import Receipt, User

router = APIRouter(prefix="/receipts")


@router.get("/{receipt_id}")
async def read_receipt(
    receipt_id: int,
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
):
    receipt = await session.get(Receipt, receipt_id)
    if receipt is None:
        raise HTTPException(status_code=404)
    return receipt
