"""JavaScript/TypeScript: a query inside a transaction that runs on the client the transaction came from.

    await prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data });
      await prisma.stock.update({ where: { sku }, data: { count: { decrement: 1 } } });   // not in tx
    });

The second statement runs on the client, on another pooled connection, in autocommit: it is not rolled back
when the transaction fails, it cannot see the transaction's uncommitted rows, and it waits for a second
connection while the transaction holds one (with a small pool, concurrent requests deadlock, or Prisma
times the transaction out). The fix is to run it on the transaction handle.

Scopes recognised:
- the callback of `X.$transaction(async (tx) => ...)` (Prisma) and `X.transaction(async (tx) => ...)`
  (Knex, Drizzle, TypeORM, Sequelize managed, Kysely's `transaction().execute(...)` is not read);
- `const trx = await X.transaction()` (Knex, Sequelize unmanaged) up to `trx.commit()`;
- TypeORM `queryRunner.startTransaction()` up to `queryRunner.commitTransaction()`;
- a MongoDB/Mongoose session: the callback of `session.withTransaction(...)`, or
  `session.startTransaction()` up to `session.commitTransaction()`;
- a client checked out of a pool (`const client = await pool.connect()` / `getConnection()`) that runs
  `BEGIN` (or mysql2's `beginTransaction()`), up to its `COMMIT`: there the pool is the outer handle.
Reported, on its line: an awaited (or returned) statement on exactly `X` (`await X.model.create(...)`,
`await X('table')...`, `await X.insert(...)`) whose statement names neither the transaction nor a
`transaction:` option (Knex `.transacting(trx)` and Sequelize `{ transaction: t }` are the transaction's);
inside a TypeORM scope (a `manager`-like callback parameter or a query runner), a write through an injected
repository (`await this.userRepository.save(...)`); inside a Sequelize scope whose other statements pass
`{ transaction: t }` (so it does not rely on CLS), a model write without it; inside a MongoDB session
transaction whose other calls pass `{ session }`, a model or collection call without it (`doc.save()` is
left alone: a document loaded in the session carries it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RECEIVER = r"(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"
_CALLBACK = lazy_re(
    rf"(?P<recv>{_RECEIVER})\.(?P<call>\$transaction|transaction)\s*\(\s*(?:[^()]*,\s*)?"
    r"(?:async\s*)?(?:\(\s*(?P<tx>[A-Za-z_$][\w$]*)[^()]*\)|(?P<bare>[A-Za-z_$][\w$]*))\s*=>"
    r"|(?P<recv2>(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.(?:\$transaction|transaction)\s*\("
    r"\s*(?:[^()]*,\s*)?async\s+function\s*\w*\s*\(\s*(?P<tx2>[A-Za-z_$][\w$]*)"
)
_UNMANAGED = lazy_re(
    rf"^\s*(?:const|let|var)\s+(?P<tx>[A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*await\s+(?P<recv>{_RECEIVER})"
    r"\.transaction\s*\(\s*\)"
)
_RUNNER_START = lazy_re(r"\b(?:await\s+)?(?P<runner>[A-Za-z_$][\w$]*)\.startTransaction\s*\(")
_REPO_WRITE = lazy_re(
    r"\b(?:await|return)\s+this\.(?P<repo>\w*(?:[rR]epository|[rR]epo))\."
    r"(?P<method>save|insert|update|upsert|delete|remove|softDelete|softRemove|increment|decrement)\s*\("
)
_MODEL_WRITE = lazy_re(
    r"\b(?:await|return)\s+(?P<recv>[A-Z][\w$]*|[a-z][\w$]*)\."
    r"(?P<method>create|bulkCreate|update|destroy|upsert|findOrCreate|increment|decrement|save|restore)\s*\("
)
_PG_BEGIN = lazy_re(
    r"(?P<client>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.(?:query\s*\(\s*['\"`](?:BEGIN|START\s+TRANSACTION)\b"
    r"|beginTransaction\s*\()"
)
_MONGO_CALLBACK = lazy_re(r"(?<![\w.$])(?P<session>[A-Za-z_$][\w$]*)\.withTransaction\s*\(")
_MONGO_OP = lazy_re(
    r"\b(?:await|return)\s+(?P<recv>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\([^()]*\))?)\."
    r"(?P<method>create|insertMany|insertOne|updateOne|updateMany|replaceOne|findOneAndUpdate|findByIdAndUpdate|"
    r"findOneAndDelete|findByIdAndDelete|findOneAndReplace|deleteOne|deleteMany|bulkWrite|findOne|find|"
    r"findById|countDocuments)\s*\("
)
_MANAGER = lazy_re(r"^(?:manager|em|entityManager|\w*[mM]anager)$")
_DEFERRED = lazy_re(r"\b(?:setTimeout|setImmediate|nextTick|afterCommit|queueMicrotask)\b")
_LOOK_AHEAD = 200


@register(
    CheckSpec(
        id="JS-TX-OUTER-HANDLE",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Query inside a transaction runs on the client, not on the transaction",
        explanation=(
            "Inside a Prisma/Knex/Drizzle/TypeORM/Sequelize transaction, a query made on the outer client "
            "(or an injected repository, or a Sequelize model call without `{ transaction: t }`) runs on "
            "another connection in autocommit: it is not rolled back with the transaction, does not see its "
            "uncommitted writes, and waits for a second connection while the transaction holds one, so a "
            "busy or small pool deadlocks. Run it on the transaction handle."
        ),
    ),
    needs=("transaction", "Transaction", "BEGIN", "START TRANSACTION"),
)
def tx_outer_handle(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    reported: set[int] = set()
    for no, code, bare in lexed.rows:
        scope = None
        if "ransaction" in bare:
            scope = _scope_at(lexed, blocks, no, bare)
        if scope is None and ("BEGIN" in code or "START" in code or "beginTransaction" in code):
            scope = _checked_out_scope(lexed, no, code)
        if scope is not None:
            for hit in _scope_hits(ctx, lexed, blocks, scope):
                if hit.line not in reported:
                    reported.add(hit.line)
                    yield hit


@dataclass(frozen=True, slots=True)
class _Scope:
    opened: int
    """The line that opens the transaction."""
    first: int
    last: int
    """The lines it is open on (a callback's body, or up to the line before the commit)."""
    recv: str | None
    """The client it was opened on (`prisma`, `this.db`); None for a TypeORM query runner."""
    tx: str
    """The transaction's own handle."""
    typeorm: bool = False
    """A TypeORM scope: writes through an injected repository bypass it."""
    mongo: bool = False
    """A MongoDB/Mongoose session transaction: a model call must pass `{ session }` to be in it."""
    unmanaged_sequelize: bool = False
    """A Sequelize transaction without a callback: CLS does not reach it, every call must pass it."""


def _scope_at(lexed: Lexed, blocks: Blocks, no: int, bare: str) -> _Scope | None:
    """The transaction scope opened on line `no`, if one is."""
    called = _CALLBACK.search(bare)
    if called is not None:
        recv = called.group("recv") or called.group("recv2")
        tx = called.group("tx") or called.group("bare") or called.group("tx2")
        body = next((block for block in blocks.enclosing(no + 1) if block.first == no), None)
        if body is None or not tx:
            return None
        return _Scope(no, body.first + 1, body.last, recv, tx, typeorm=bool(_MANAGER.match(tx)))
    mongo = _MONGO_CALLBACK.search(bare)
    if mongo is not None:
        body = next((block for block in blocks.enclosing(no + 1) if block.first == no), None)
        if body is None:
            return None
        return _Scope(no, body.first + 1, body.last, None, mongo.group("session"), mongo=True)
    unmanaged = _UNMANAGED.match(bare)
    if unmanaged is not None:
        tx = unmanaged.group("tx")
        end = _end_line(lexed, no, rf"(?<![\w.$]){re.escape(tx)}\.commit\s*\(")
        if end is None:
            return None
        recv = unmanaged.group("recv")
        return _Scope(no, no + 1, end - 1, recv, tx, unmanaged_sequelize="sequelize" in recv.lower())
    started = _RUNNER_START.search(bare)
    if started is not None:
        runner = started.group("runner")
        end = _end_line(lexed, no, rf"(?<![\w.$]){re.escape(runner)}\.commitTransaction\s*\(")
        if end is not None:
            return _Scope(no, no + 1, end - 1, None, runner, typeorm=True, mongo=True)
    return None


def _checked_out_scope(lexed: Lexed, no: int, code: str) -> _Scope | None:
    """A transaction begun on a client checked out of a pool (`const client = await pool.connect()`, then
    `await client.query('BEGIN')` or mysql2's `conn.beginTransaction()`), open until its `COMMIT`; the pool
    is the outer handle."""
    begun = _PG_BEGIN.search(code)
    if begun is None:
        return None
    client = re.escape(begun.group("client"))
    checkout = re.compile(
        rf"^\s*(?:(?:const|let|var)\s+)?{client}\s*(?::\s*[\w.<>]+\s*)?=\s*await\s+"
        r"(?P<pool>(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.(?:connect|getConnection)\s*\(\s*\)"
    )
    pool = None
    for line in range(no - 1, max(0, no - 30), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        taken = checkout.match(text)
        if taken is not None:
            pool = taken.group("pool")
            break
    if pool is None:
        return None
    commit = re.compile(rf"(?<![\w.$]){client}\.(?:query\s*\(\s*['\"`]COMMIT\b|commit\s*\()")
    for line in range(no + 1, no + _LOOK_AHEAD):
        text = lexed.code.get(line)
        if text is None:
            return None
        if commit.search(text):
            return _Scope(no, no + 1, line - 1, pool, begun.group("client"))
    return None


def _end_line(lexed: Lexed, start: int, pattern: str) -> int | None:
    ends = re.compile(pattern)
    for line in range(start + 1, start + _LOOK_AHEAD):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if ends.search(text):
            return line
    return None


def _scope_hits(ctx: FileContext, lexed: Lexed, blocks: Blocks, scope: _Scope) -> Iterator[Hit]:
    first, last, recv, tx = scope.first, scope.last, scope.recv, scope.tx
    outer = (
        re.compile(rf"\b(?:await|return)\s+{re.escape(recv)}(?P<rest>\s*\(|\.(?P<member>[\w$]+))")
        if recv else None
    )
    names_tx = re.compile(rf"(?<![\w.$]){re.escape(tx)}\b|\btransaction\s*:|\btransacting\s*\(")
    option = re.compile(rf"\btransaction\s*:\s*{re.escape(tx)}\b")
    passes_option = scope.unmanaged_sequelize or any(
        option.search(lexed.bare.get(line, "")) for line in range(first, last + 1))
    handle = re.escape(tx)
    session = re.compile(rf"\{{\s*session\s*\}}|\bsession\s*:\s*{handle}\b|\.session\(\s*{handle}\s*\)")
    passes_session = scope.mongo and any(
        session.search(lexed.bare.get(line, "")) for line in range(first, last + 1))
    for line in range(first, last + 1):
        if line not in ctx.added:
            continue
        text = lexed.bare.get(line)
        if text is None:
            return
        if _deferred(blocks.enclosing(line), first):
            continue
        shown: str | None = None
        match = outer.search(text) if outer else None
        if match is not None and match.group("member") not in {"$transaction", "transaction"}:
            col = match.start() + match.group().index(str(recv))
            chain = re.match(r"[\w$.]+", text[col:])
            shown = f"{chain.group() if chain else recv}(...)"
        elif scope.typeorm and (repo := _REPO_WRITE.search(text)) is not None:
            shown = f"this.{repo.group('repo')}.{repo.group('method')}(...)"
            col = repo.start()
        elif passes_session and (op := _MONGO_OP.search(text)) is not None and op.group("recv") != tx:
            shown = f"{op.group('recv')}.{op.group('method')}(...)"
            col = op.start()
        elif passes_option and (model := _MODEL_WRITE.search(text)) is not None \
                and model.group("recv") not in {tx, (recv or "").rpartition(".")[2]}:
            shown = f"{model.group('recv')}.{model.group('method')}(...)"
            col = model.start()
        if shown is None:
            continue
        span = statement_span(lexed, line, col)
        if names_tx.search(span.bare):
            continue  # `.transacting(trx)`, `{ transaction: t }`, or the handle passed along
        yield Hit(line, message=(
            f"`{shown}` runs outside the transaction opened on line {scope.opened} (its handle is `{tx}`): "
            "it takes another connection and commits on its own, so it is not rolled back with the "
            "transaction, does not see its uncommitted writes, and waits for a second connection while "
            f"`{tx}` holds one (a busy pool deadlocks). Run it through `{tx}`."
        ))


def _deferred(enclosing: list[Block], first: int) -> bool:
    """Is the line inside a timer or after-commit callback nested in the scope?"""
    return any(block.first >= first - 1 and _DEFERRED.search(block.header) for block in enclosing)
