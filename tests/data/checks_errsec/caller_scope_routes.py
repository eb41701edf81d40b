from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import current_account
from app.db import get_session
from app.models import Account, Invoice

router = APIRouter(prefix="/invoices")


@router.get("/{invoice_id}")
async def read_invoice(
    invoice_id: int,
    account: Account = Depends(current_account),
    session: AsyncSession = Depends(get_session),
):
    invoice = await session.get(Invoice, invoice_id)  # expect: PY-LOOKUP-NOT-CALLER-SCOPED
    if invoice is None:
        raise HTTPException(status_code=404)
    return invoice


@router.get("/{invoice_id}/lines")
async def invoice_lines(
    invoice_id: int,
    account: Account = Depends(current_account),
    session: AsyncSession = Depends(get_session),
):
    invoice = await session.scalar(
        select(Invoice).where(Invoice.id == invoice_id, Invoice.account_id == account.id)
    )
    if invoice is None:
        raise HTTPException(status_code=404)
    return invoice.lines
