# want: PY-SQL-STRING
from fastapi import APIRouter, Depends, Query
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_db

router = APIRouter()


@router.get("/orders")
def list_orders(
    sort: str = Query("created_at"),
    direction: str = Query("desc"),
    db: Session = Depends(get_db),
):
    rows = db.execute(
        text(f"SELECT id, total, created_at FROM orders ORDER BY {sort} {direction} LIMIT 50")
    ).mappings().all()
    return [dict(r) for r in rows]
