# clean: PY-SQL-STRING
from enum import Enum

from fastapi import APIRouter, Depends, Query
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session

router = APIRouter()


class ShipmentSort(str, Enum):
    created = "created_at"
    eta = "estimated_arrival"
    carrier = "carrier_name"


@router.get("/shipments")
async def list_shipments(
    sort: ShipmentSort = ShipmentSort.created,
    descending: bool = Query(False),
    session: AsyncSession = Depends(get_session),
):
    direction = "DESC" if descending else "ASC"
    stmt = text(
        f"SELECT id, reference, carrier_name, estimated_arrival FROM shipments "
        f"ORDER BY {sort.value} {direction} LIMIT 200"
    )
    rows = (await session.execute(stmt)).mappings().all()
    return [dict(r) for r in rows]
