# want: PY-SQL-STRING
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session

router = APIRouter()


@router.get("/shipments")
async def list_shipments(sort: str = "created_at", session: AsyncSession = Depends(get_session)):
    stmt = text(f"SELECT id, reference, carrier_name FROM shipments ORDER BY {sort} LIMIT 200")
    rows = (await session.execute(stmt)).mappings().all()
    return [dict(r) for r in rows]
