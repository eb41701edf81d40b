"""JavaScript/TypeScript: `SELECT ... FOR UPDATE` run on a pool or client with no transaction begun.

    const { rows } = await pool.query('SELECT balance FROM wallets WHERE id = $1 FOR UPDATE', [id]);
    if (rows[0].balance < amount) throw new InsufficientFunds();
    await pool.query('UPDATE wallets SET balance = balance - $2 WHERE id = $1', [id, amount]);

`pool.query` runs each statement on whichever connection is free, in autocommit, so the row lock ends as
soon as the `SELECT` returns and two concurrent requests both pass the balance check (the same holds for
`prisma.$queryRaw`, `knex.raw`, `sequelize.query` and pg-promise's `db.one` outside their transaction
helpers). The lock only helps inside a transaction: a checked-out client with `BEGIN`/`COMMIT`,
`prisma.$transaction(async (tx) => ...)`, `knex.transaction(...)`, `db.tx(...)`; or as one conditional
`UPDATE ... RETURNING`.

Reported, on the call: a query call on a pool-like handle (a receiver named `pool`, `db`, `knex`,
`prisma`, `sequelize`, ...) whose literal SQL locks rows with `FOR UPDATE`/`FOR SHARE` and writes nothing
itself (see `_for_update_sql`), inside a function known whole that mentions no transaction (`transaction`,
`BEGIN`, `.tx(`, `.task(`, `startTransaction`, `beginTransaction`) and writes after the lock (SQL
`UPDATE`/`INSERT`/`DELETE`, or an ORM write such as `.update(`, `.save(`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._for_update_sql import locks_rows_alone, writes_in
from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_QUERY = lazy_re(
    r"(?<![\w.$])(?P<recv>(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.(?P<method>query|execute|raw|"
    r"one|oneOrNone|many|manyOrNone|any|none|result|\$queryRaw|\$queryRawUnsafe|\$executeRaw|"
    r"\$executeRawUnsafe)\s*(?:<[^<>]*>\s*)?(?P<open>[(`])"
)
_POOL_NAME = lazy_re(
    r"(?i)^(?:pool|db|knex|prisma|sequelize|database|pgpool|dbpool|pg|sql|mysqlpool|writepool)$"
)
_TRANSACTION = lazy_re(
    r"(?i)transaction|\bBEGIN\b|\.tx\s*\(|\.task\s*\(|\bSTART\s+TRANSACTION\b"
)
_FUNCTION = lazy_re(
    r"=>\s*$|\bfunction\b|^\s*(?:(?:public|private|protected|static|async)\s+)*[\w$]+\s*\([^()]*\)"
)


@register(
    CheckSpec(
        id="JS-FOR-UPDATE-NO-TX",
        checklist_item="DATA-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="`SELECT ... FOR UPDATE` on a pool, outside a transaction: the lock is released at once",
        explanation=(
            "A query on a pool (or Prisma/Knex/Sequelize client) outside a transaction runs in autocommit, "
            "so the row lock a `SELECT ... FOR UPDATE` takes ends when the query returns: concurrent "
            "requests read the same row and both write. Run the locking read and the write in one "
            "transaction (a checked-out client with BEGIN/COMMIT, `prisma.$transaction`, "
            "`knex.transaction`), or make it one conditional `UPDATE ... RETURNING`."
        ),
    ),
    needs=("FOR UPDATE", "for update", "FOR SHARE", "FOR NO KEY UPDATE"),
)
def for_update_no_tx(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no, "")
        for call in _QUERY.finditer(bare):
            recv = call.group("recv")
            if not _POOL_NAME.match(recv.rpartition(".")[2]):
                continue
            opening = call.start("open")
            if bare[opening] == "`":
                span_text = lexed.code.get(no, "")[opening:] + "\n" + "\n".join(
                    lexed.code.get(line, "") for line in range(no + 1, no + 12))
                sql = span_text.split("`", 2)[1] if span_text.count("`") >= 2 else ""
            else:
                sql = bracket_span(lexed, no, opening).code
            if not locks_rows_alone(sql):
                continue
            if _expression_body(lexed.bare, no, bare[: call.start()]):
                continue  # `async () => pool.query(...)`: a lock-only helper, for its caller's transaction
            functions = [block for block in blocks.enclosing(no)
                         if _FUNCTION.search(block.header.rpartition("\n")[2])]
            if not functions:
                continue  # not inside a function known whole
            outermost = functions[-1]
            body = "\n".join(lexed.code.get(line, "") for line in range(outermost.first, outermost.last + 1))
            if _TRANSACTION.search(body) or _TRANSACTION.search(outermost.header):
                continue
            after = "\n".join(lexed.code.get(line, "") for line in range(no + 1, functions[0].last + 1))
            if not writes_in(after):
                continue  # a helper that only locks: meant to run in its caller's transaction
            yield Hit(no, message=(
                f"`{recv}.{call.group('method')}` runs a `FOR UPDATE` query outside any transaction: in "
                "autocommit the row lock is released as soon as the query returns, so a concurrent request "
                "reads the same row and both write. Run the locking read and the write in one transaction "
                "(or make it one conditional `UPDATE ... RETURNING`)."
            ))
            break


def _expression_body(bare: dict[int, str], no: int, before: str) -> bool:
    """Is the call the whole body of an arrow function (`=> pool.query(...)`, on its line or the one
    above)?"""
    prefix = before.rstrip()
    if prefix.endswith("=>") or re.search(r"=>\s*(?:await\s+|\(\s*)?$", prefix):
        return True
    if prefix.strip() and not re.fullmatch(r"\s*(?:return\s+)?(?:await\s+)?", prefix):
        return False
    above = bare.get(no - 1, "").rstrip()
    return above.endswith("=>")
