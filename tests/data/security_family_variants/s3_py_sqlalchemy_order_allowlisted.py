# clean: PY-SQL-STRING
from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_db

router = APIRouter()

SORT_COLUMNS = {"created": "created_at", "total": "total", "id": "id"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


@router.get("/orders")
def list_orders(
    sort: str = Query("created"),
    direction: str = Query("desc"),
    q: str = Query(""),
    db: Session = Depends(get_db),
):
    column = SORT_COLUMNS.get(sort)
    order = DIRECTIONS.get(direction.lower())
    if column is None or order is None:
        raise HTTPException(status_code=400, detail="bad sort")
    rows = db.execute(
        text(f"SELECT id, total FROM orders WHERE note LIKE :pattern ORDER BY {column} {order}"),
        {"pattern": f"%{q}%"},
    ).mappings().all()
    return [dict(r) for r in rows]
