"""Go: a statement inside a transaction's scope that runs on the handle the transaction was begun from.

    tx, err := s.db.BeginTx(ctx, nil)
    ...
    if _, err := tx.ExecContext(ctx, debit, from, amount); err != nil {
        return err
    }
    if _, err := s.db.ExecContext(ctx, credit, to, amount); err != nil {   // on the pool, not on tx
        return err
    }
    return tx.Commit()

`s.db` is the pool: the credit runs on another connection, in autocommit. It is not rolled back with the
transaction, it cannot see the transaction's uncommitted writes, and it waits for a second pooled connection
while `tx` holds one, so with a small pool (or many requests at once) every request holds one connection and
waits for another: the service deadlocks. The fix is to run it on the transaction (`tx.ExecContext`).

Scopes recognised:
- `tx, err := X.Begin/BeginTx/Beginx/BeginTxx/MustBegin(...)` (database/sql, sqlx, pgx pools, gorm's
  one-value `tx := X.Begin()`, bun), and ent's `tx, err := X.Tx(ctx)`: from the line after it to the first
  `tx.Commit(`; none is reported when no `Commit` follows in view.
- The callback of `X.Transaction(func(tx ...) ...`, `X.RunInTx(..., func(..., tx ...) ...` and the like.
- sqlc: `qtx := q.WithTx(tx)`: from there to `tx.Commit(` (or the end of the enclosing block), a query
  method called on `q` itself.
Reported: a statement or query method (`Exec`, `QueryRow`, `Get`, gorm's `Create`/`Save`/..., bun's
`NewInsert`, ent's `client.User.Create()`, ...) called on exactly `X`, when the transaction itself is
used in the scope. Calls inside a `go` or deferred function literal are left alone. The finding is on the
call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import Block, blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RECEIVER = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_BEGIN = lazy_re(
    rf"^\s*(?P<tx>[A-Za-z_]\w*)\s*(?:,\s*\w+\s*)?:?=\s*(?P<recv>{_RECEIVER})"
    r"(?:\.(?:WithContext|Debug|Session)\([^()]*(?:\([^()]*\)[^()]*)*\))?"
    r"\.(?P<call>Begin|BeginTx|Beginx|BeginTxx|MustBegin|MustBeginTx|Tx)\s*\("
)
_CALLBACK = lazy_re(
    rf"(?P<recv>{_RECEIVER})(?:\.WithContext\([^()]*\))?"
    r"\.(?P<call>Transaction|RunInTx|RunInTransaction|InTx|InTransaction|WithTransaction|ExecTx|BeginFunc)"
    r"\s*\(.*\bfunc\s*\((?:[^()]*,\s*)?(?P<tx>[A-Za-z_]\w*)\s+[*\w.\[\]]+\s*\)"
)
_WITH_TX = lazy_re(
    rf"^\s*(?P<qtx>[A-Za-z_]\w*)\s*:?=\s*(?P<recv>{_RECEIVER})\.WithTx\s*\(\s*(?P<tx>[A-Za-z_]\w*)\s*\)"
)
_STATEMENTS = (
    "Exec|ExecContext|Query|QueryContext|QueryRow|QueryRowContext|Get|GetContext|Select|SelectContext|"
    "NamedExec|NamedExecContext|NamedQuery|NamedQueryContext|Queryx|QueryxContext|QueryRowx|"
    "QueryRowxContext|MustExec|MustExecContext|SendBatch|CopyFrom|Prepare|PrepareContext|Preparex|"
    # gorm
    "Create|CreateInBatches|Save|Delete|Updates|Update|UpdateColumn|UpdateColumns|First|Find|Take|Last|"
    "FirstOrCreate|Raw|Model|Where|Table|Clauses|Omit|Unscoped|"
    # bun
    "NewInsert|NewUpdate|NewDelete|NewSelect|NewRaw|"
    # ent: `client.User.Create()`
    r"[A-Z]\w*\.(?:Create|CreateBulk|Update|UpdateOne|UpdateOneID|Delete|DeleteOne|DeleteOneID|Query|Get)"
)
_CALLBACK_WORDS = ("Transaction", "InTx", "ExecTx", "BeginFunc")
_ASYNC = lazy_re(r"^\s*(?:go|defer)\s+func\b")
_LOOK_AHEAD = 200
"""How far below a `Begin` (when its function is not known whole) its `Commit` is looked for."""


@register(
    CheckSpec(
        id="GO-TX-OUTER-HANDLE",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Statement inside a transaction runs on the pool, not on the transaction",
        explanation=(
            "A statement run on the `*sql.DB`/pool (or gorm/bun/ent client) that began the transaction "
            "runs on another connection in autocommit: it is not rolled back with the transaction and does "
            "not see its uncommitted writes, and it waits for a second connection while the transaction "
            "holds one, so under load (or with a small pool) requests deadlock. Run it on the transaction "
            "handle."
        ),
    ),
    needs=("Begin", "Tx", "Transaction"),
)
def tx_outer_handle(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lexed.rows:
        if "Begin" in bare or ".Tx(" in bare:
            begun = _BEGIN.match(bare)
            if begun is not None:
                end = _commit_line(lexed, blocks.enclosing(no), no, begun.group("tx"))
                if end is not None:
                    scope = _Scope(no, no + 1, end, begun.group("recv"), begun.group("tx"))
                    yield from _bypasses(ctx, lexed, scope, _STATEMENTS)
                continue
        if "WithTx" in bare:
            scoped = _WITH_TX.match(bare)
            if scoped is not None:
                enclosing = blocks.enclosing(no)
                end = _commit_line(lexed, enclosing, no, scoped.group("tx"))
                if end is None and enclosing:
                    end = enclosing[0].last
                if end is not None:
                    scope = _Scope(no, no + 1, end, scoped.group("recv"), scoped.group("qtx"))
                    yield from _bypasses(ctx, lexed, scope, r"[A-Z]\w*", sqlc=True)
                continue
        if "func" in bare and any(word in bare for word in _CALLBACK_WORDS):
            called = _CALLBACK.search(bare)
            if called is not None:
                body = next((block for block in blocks.enclosing(no + 1) if block.first == no), None)
                if body is not None:
                    scope = _Scope(no, body.first + 1, body.last, called.group("recv"), called.group("tx"))
                    yield from _bypasses(ctx, lexed, scope, _STATEMENTS)


def _commit_line(lexed: Lexed, enclosing: list[Block], begun: int, tx: str) -> int | None:
    """The first line after `begun` that commits `tx` (not deferred), in the enclosing block when known."""
    last = enclosing[0].last if enclosing else begun + _LOOK_AHEAD
    commit = re.compile(rf"(?<![\w.]){re.escape(tx)}\.Commit\s*\(")
    for line in range(begun + 1, last + 1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if "Commit" in text and commit.search(text) and not text.lstrip().startswith("defer"):
            return line
    return None


@dataclass(frozen=True, slots=True)
class _Scope:
    opened: int
    """The line that begins the transaction."""
    first: int
    last: int
    """The lines it is open on: to its `Commit` (that line's own call excluded), or a callback's `}`."""
    recv: str
    """The handle it was begun from (`s.db`)."""
    tx: str
    """The transaction's own handle."""


def _bypasses(
    ctx: FileContext, lexed: Lexed, scope: _Scope, methods: str, *, sqlc: bool = False
) -> Iterator[Hit]:
    """Calls of `methods` on exactly the scope's outer handle, when the transaction handle is used in the
    scope too."""
    opened, first, last, recv, tx = scope.opened, scope.first, scope.last, scope.recv, scope.tx
    call = re.compile(rf"(?<![\w.]){re.escape(recv)}\.(?P<method>{methods})\s*\(")
    used = re.compile(rf"(?<![\w.]){re.escape(tx)}\b(?!\s*:?=)")
    async_depth: int | None = None
    found: list[tuple[int, str]] = []
    seen_tx = False
    for line in range(first, last + 1):
        text = lexed.bare.get(line)
        if text is None:
            return
        indent = len(text) - len(text.lstrip())
        if async_depth is not None:
            if text.strip() and indent <= async_depth and text.strip().startswith("}"):
                async_depth = None
            continue
        if _ASYNC.match(text) and not text.rstrip().endswith("}()"):
            async_depth = indent
            continue
        if used.search(text):
            seen_tx = True
        if line == last and not text.lstrip().startswith("}"):
            continue  # the commit line itself
        match = call.search(text)
        if match is None or (sqlc and match.group("method") == "WithTx"):
            continue
        found.append((line, match.group("method")))
    if not seen_tx:
        return
    for line, method in found:
        if line not in ctx.added:
            continue
        yield Hit(line, message=(
            f"`{recv}.{method}(...)` runs on `{recv}`, not on the transaction `{tx}` opened on line "
            f"{opened}: it takes another connection and commits on its own, so it is not rolled back with "
            "the transaction, does not see its uncommitted writes, and waits for a second connection while "
            f"`{tx}` holds one (a small or busy pool deadlocks). Call it on `{tx}`."
        ))
