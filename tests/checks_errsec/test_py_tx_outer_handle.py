"""PY-TX-OUTER-HANDLE: a statement inside a transaction block run on the pool or engine."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-TX-OUTER-HANDLE"
PATH = "app/ledger/transfers.py"


def _lines(text: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(PATH, text)]).findings if f.rule_id == RULE)


_ASYNCPG = """async def transfer(pool, src: int, dst: int, amount: int) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - $2 WHERE id = $1", src, amount)
            %s
    await pool.execute("INSERT INTO transfer_log (src, dst) VALUES ($1, $2)", src, dst)
"""


@pytest.mark.parametrize("call", [
    'await pool.execute("UPDATE accounts SET balance = balance + $2 WHERE id = $1", dst, amount)',
    'row = await pool.fetchrow("SELECT balance FROM accounts WHERE id = $1", dst)',
])
def test_the_pool_inside_an_asyncpg_transaction_is_reported(call: str) -> None:
    assert _lines(_ASYNCPG % call) == [5]


def test_the_connection_inside_the_transaction_is_left_alone() -> None:
    call = 'await conn.execute("UPDATE accounts SET balance = balance + $2 WHERE id = $1", dst, amount)'
    assert _lines(_ASYNCPG % call) == []


def test_an_acquired_connection_assigned_above_is_followed() -> None:
    text = """async def close_order(self, order_id: int) -> None:
    conn = await self.pool.acquire()
    try:
        async with conn.transaction():
            await conn.execute("UPDATE orders SET state = 'closed' WHERE id = $1", order_id)
            await self.pool.execute("DELETE FROM carts WHERE order_id = $1", order_id)
    finally:
        await self.pool.release(conn)
"""
    assert _lines(text) == [6]


def test_an_sqlalchemy_engine_inside_its_own_begin_block_is_reported() -> None:
    text = """def archive(engine, order_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE orders SET archived = true WHERE id = :id"), {"id": order_id})
        with engine.connect() as other:
            other.execute(text("DELETE FROM carts WHERE order_id = :id"), {"id": order_id})
"""
    assert _lines(text) == [4]


def test_a_hunk_inside_the_block_is_reported() -> None:
    hunk = """    async with db_pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute(debit_sql, src, amount)
            await db_pool.execute(credit_sql, dst, amount)
"""
    lines = {50 + i: line for i, line in enumerate(hunk.splitlines())}
    ctx = FileContext(PATH, "python", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [53]
