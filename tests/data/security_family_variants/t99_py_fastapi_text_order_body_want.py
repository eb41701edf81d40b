# want: PY-SQL-STRING
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import get_session

router = APIRouter()


class InvoiceQuery(BaseModel):
    customer_id: int
    sort: str = "issued_at"


@router.post("/invoices/search")
async def search_invoices(body: InvoiceQuery, session: AsyncSession = Depends(get_session)):
    filters = body.model_dump()
    column = filters["sort"]
    stmt = f"SELECT id, number, total FROM invoices WHERE customer_id = :cid ORDER BY {column} DESC"
    rows = await session.execute(text(stmt), {"cid": body.customer_id})
    return [dict(r._mapping) for r in rows]
