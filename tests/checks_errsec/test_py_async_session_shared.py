"""PY-ASYNC-SESSION-SHARED: one SQLAlchemy AsyncSession or asyncpg connection handed to calls that
`asyncio.gather` runs at once, in code written for these tests; an HTTP session shared the same way, a
session per task and calls awaited in turn stay quiet."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "PY-ASYNC-SESSION-SHARED"
PATH = "app/services/reprice.py"

SHARED = """import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

make_session = async_sessionmaker(engine)


async def reprice_all(sku_ids):
    async with make_session() as session:
        prices = await asyncio.gather(*(reprice(session, sku) for sku in sku_ids))
        await session.commit()
    return prices


async def reprice_pair(db: AsyncSession, first, second):
    return await asyncio.gather(reprice(db, first), reprice(db, second))


async def reprice_each(sku_ids):
    async def one(sku):
        async with make_session() as own:
            return await reprice(own, sku)
    return await asyncio.gather(*(one(sku) for sku in sku_ids))


async def reprice_in_turn(db: AsyncSession, sku_ids):
    return [await reprice(db, sku) for sku in sku_ids]


async def reprice_one(db: AsyncSession, sku):
    return await asyncio.gather(reprice(db, sku), audit_log(sku))
"""


def _lines(text: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def test_a_session_shared_by_gathered_calls_is_reported() -> None:
    assert _lines(SHARED) == [10, 16]


@pytest.mark.parametrize("opener", [
    "aiohttp.ClientSession()",
    "aioboto3.Session().client('s3')",
])
def test_an_http_or_cloud_session_shared_by_design_stays_quiet(opener: str) -> None:
    code = (
        "import asyncio\nimport aiohttp\n\n\n"
        "async def fetch_all(urls):\n"
        f"    async with {opener} as session:\n"
        "        return await asyncio.gather(*(fetch(session, url) for url in urls))\n"
    )
    assert _lines(code) == []


def test_an_asyncpg_pool_connection_is_a_session_too() -> None:
    code = (
        "import asyncio\n\n\n"
        "async def totals(pool, ids):\n"
        "    async with pool.acquire() as conn:\n"
        "        rows = await asyncio.gather(*(conn.fetchrow(Q, i) for i in ids))\n"
        "        return await asyncio.gather(*(total(conn, i) for i in ids))\n"
    )
    assert _lines(code) == [6, 7]
