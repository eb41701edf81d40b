# clean: PY-ROUTE-NO-AUTH
# path: app/routes/flags.py
from litestar import Controller, delete, get, post

from app.guards import requires_staff
from app.services import flags


class FlagController(Controller):
    path = "/internal/flags"
    guards = [requires_staff]

    @get("/")
    async def list_flags(self) -> list[dict]:
        return await flags.all()

    @post("/{key:str}/enable")
    async def enable_flag(self, key: str) -> dict:
        return await flags.enable(key)

    @delete("/{key:str}")
    async def delete_flag(self, key: str) -> None:
        await flags.delete(key)
