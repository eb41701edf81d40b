# want: PY-ROUTE-NO-AUTH
# path: app/routes/flags.py
from litestar import Router, delete, get, post

from app.guards import requires_staff
from app.services import flags


@get("/flags", guards=[requires_staff])
async def list_flags() -> list[dict]:
    return await flags.all()


@post("/flags/{key:str}/enable", guards=[requires_staff])
async def enable_flag(key: str) -> dict:
    return await flags.enable(key)


@delete("/flags/{key:str}")
async def delete_flag(key: str) -> None:
    await flags.delete(key)


router = Router(path="/internal", route_handlers=[list_flags, enable_flag, delete_flag])
