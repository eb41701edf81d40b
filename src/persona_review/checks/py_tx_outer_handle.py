"""Python: a statement inside a transaction that runs on the pool or engine the transaction's connection
came from.

    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - $2 WHERE id = $1", src, amount)
            await pool.execute("UPDATE accounts SET balance = balance + $2 WHERE id = $1", dst, amount)

`pool.execute` takes another connection from the pool and commits on its own: it is not rolled back when
the transaction fails, it cannot see the transaction's uncommitted writes, and while `conn` is held it
waits for a second connection, so with a small pool concurrent requests deadlock. The fix is to run it on
`conn`.

Scopes recognised: an `async with C.transaction():` (asyncpg, psycopg 3) or `with C.transaction():` block
whose connection came from `async with P.acquire() as C` / `P.connection() as C` / `C = await
P.acquire()` above it; and `with E.begin() as C:` (SQLAlchemy `Engine`/`AsyncEngine`). Reported, on its
line: a statement method (`execute`, `executemany`, `fetch`, `fetchrow`, `fetchval`, `copy_*`; SQLAlchemy
`connect`, `begin`, `execute`) called on exactly `P` or `E` inside the block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, python_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NAME = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_TX_BLOCK = lazy_re(rf"^\s*(?:async\s+)?with\s+(?:await\s+)?(?P<conn>{_NAME})\.transaction\s*\([^)]*\)\s*:")
_ENGINE_BEGIN = lazy_re(
    rf"^\s*(?:async\s+)?with\s+(?P<engine>{_NAME})\.begin\s*\(\s*\)\s+as\s+(?P<conn>[A-Za-z_]\w*)\s*:"
)
_STATEMENTS = r"execute|executemany|fetch|fetchrow|fetchval|fetchmany|copy_records_to_table|copy_to_table"
_ENGINE_STATEMENTS = r"connect|begin|execute|raw_connection"
_FUNC = lazy_re(r"^\s*(?:async\s+)?def\b")


@register(
    CheckSpec(
        id="PY-TX-OUTER-HANDLE",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Statement inside a transaction runs on the pool, not on the transaction's connection",
        explanation=(
            "A statement run on the pool or engine inside a transaction block takes another connection and "
            "commits on its own: it is not rolled back with the transaction, does not see its uncommitted "
            "writes, and waits for a second connection while the transaction holds one, so a small or busy "
            "pool deadlocks. Run it on the transaction's connection."
        ),
    ),
    needs=("transaction(", ".begin()"),
)
def tx_outer_handle(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lexed.rows:
        if "transaction" not in bare and "begin" not in bare:
            continue
        outer: str | None = None
        methods = _STATEMENTS
        found = _TX_BLOCK.match(bare)
        if found is not None:
            outer = _pool_of(lexed, no, found.group("conn"))
        else:
            begun = _ENGINE_BEGIN.match(bare)
            if begun is not None:
                outer, methods = begun.group("engine"), _ENGINE_STATEMENTS
        if outer is None:
            continue
        call = re.compile(rf"(?<![\w.]){re.escape(outer)}\.(?P<method>{methods})\s*\(")
        for line in python_block(lexed, no):
            if line == no or line not in ctx.added:
                continue
            text = lexed.bare.get(line, "")
            match = call.search(text)
            if match is None or _FUNC.match(text):
                continue
            yield Hit(line, message=(
                f"`{outer}.{match.group('method')}(...)` runs on `{outer}`, not on the connection whose "
                f"transaction is open since line {no}: it takes another connection and commits on its own, "
                "so it is not rolled back with the transaction, does not see its writes, and waits for a "
                "second connection while the first is held (a small or busy pool deadlocks). Run it on that "
                "connection."
            ))


def _pool_of(lexed: Lexed, no: int, conn: str) -> str | None:
    """The pool `conn` was acquired from, in a `with` around line `no` or an assignment above it."""
    name = re.escape(conn)
    acquired = re.compile(
        rf"^\s*(?:async\s+)?with\s+(?:await\s+)?(?P<pool>{_NAME})\.(?:acquire|connection|getconn)\s*\([^)]*\)"
        rf"\s+as\s+{name}\s*:"
    )
    for _header, text in enclosing_headers(lexed, no):
        found = acquired.match(text)
        if found is not None:
            return found.group("pool")
        if _FUNC.match(text):
            break
    assigned = re.compile(rf"^\s*{name}\s*=\s*await\s+(?P<pool>{_NAME})\.acquire\s*\(")
    for line in range(no - 1, max(0, no - 30), -1):
        above = lexed.bare.get(line)
        if above is None or _FUNC.match(above):
            return None
        found = assigned.match(above)
        if found is not None:
            return found.group("pool")
    return None
