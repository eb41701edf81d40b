# clean: PY-SQL-STRING
# path: app/controllers/invoices.py
from litestar import Controller, get
from litestar.exceptions import NotFoundException
from asyncpg import Pool


class InvoiceController(Controller):
    path = "/invoices"

    @get("/{invoice_id:int}")
    async def show(self, invoice_id: int, db_pool: Pool, request) -> dict:
        account_id = request.user.account_id
        async with db_pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT id, number, total_cents FROM invoices WHERE id = $1 AND account_id = $2",
                invoice_id,
                account_id,
            )
        if row is None:
            raise NotFoundException()
        return dict(row)

    @get("/search")
    async def search(self, q: str, db_pool: Pool, request) -> list[dict]:
        pattern = f"%{q.strip()}%"
        async with db_pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT id, number FROM invoices WHERE account_id = $1 AND number ILIKE $2 LIMIT 50",
                request.user.account_id,
                pattern,
            )
        return [dict(r) for r in rows]
