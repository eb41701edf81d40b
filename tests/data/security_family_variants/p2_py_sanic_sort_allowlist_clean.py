# clean: PY-SQL-STRING
# path: app/blueprints/products.py
from sanic import Blueprint, json

bp = Blueprint("products", url_prefix="/products")

SORT_COLUMNS = {"name": "name", "price": "price_cents", "newest": "created_at"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


@bp.get("/")
async def list_products(request):
    column = SORT_COLUMNS.get(request.args.get("sort", ""), "created_at")
    direction = DIRECTIONS.get(request.args.get("dir", "").lower(), "DESC")
    limit = min(int(request.args.get("limit", "20")), 100)
    query = (
        f"SELECT id, name, price_cents FROM products WHERE shop_id = $1 "
        f"ORDER BY {column} {direction} LIMIT $2"
    )
    async with request.app.ctx.pool.acquire() as conn:
        rows = await conn.fetch(query, request.ctx.shop_id, limit)
    return json([dict(r) for r in rows])
