# clean: PY-SQL-STRING
from psycopg import sql
from flask import request

from app.db import get_conn

SORTABLE = {"name", "created_at", "price_cents"}


def list_products(shop_id: int):
    column = request.args.get("sort", "created_at")
    if column not in SORTABLE:
        column = "created_at"
    query = sql.SQL("SELECT id, name FROM products WHERE shop_id = %s ORDER BY {}").format(sql.Identifier(column))
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(query, (shop_id,))
        return cur.fetchall()
