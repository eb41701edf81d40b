# clean: PY-SQL-STRING
# path: app/routers/tickets.py
from fastapi import APIRouter, Depends
from tortoise import Tortoise

from app.auth import current_user

router = APIRouter(prefix="/tickets")


@router.get("/overdue")
async def overdue(days: int = 7, status: str = "open", user=Depends(current_user)):
    conn = Tortoise.get_connection("default")
    rows = await conn.execute_query_dict(
        "SELECT id, subject, due_at FROM tickets "
        "WHERE team_id = $1 AND status = $2 AND due_at < now() - ($3 || ' days')::interval",
        [user.team_id, status, str(days)],
    )
    return rows
