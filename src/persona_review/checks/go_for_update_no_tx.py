"""Go: `SELECT ... FOR UPDATE` run on the pool, in a function that begins no transaction.

    func (s *Store) Reserve(ctx context.Context, seatID int64, userID int64) error {
        var taken bool
        if err := s.db.QueryRowContext(ctx,
            "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID).Scan(&taken); err != nil {
            return err
        }
        if taken {
            return ErrTaken
        }
        _, err := s.db.ExecContext(ctx, "UPDATE seats SET taken = true, user_id = $2 WHERE id = $1",
            seatID, userID)
        return err
    }

On a `*sql.DB` or pgx pool each statement runs on whichever connection is free, in autocommit: the row lock
is released as soon as the `SELECT` returns, so two requests both read `taken = false` and both book the
seat. The lock only protects the read-modify-write inside one transaction (`tx, err := s.db.BeginTx(...)`,
the `SELECT ... FOR UPDATE` and the `UPDATE` on `tx`, then `tx.Commit()`), or as one statement
(`UPDATE ... WHERE NOT taken RETURNING ...`).

Reported, on the call: a query method (`QueryRow`, `Query`, `Get`, `Select` and their `Context`/`x`
forms) whose SQL, literal in the call or in a local assigned in the same function, locks rows with
`FOR UPDATE`/`FOR SHARE` and writes nothing itself (see `_for_update_sql`), called on a pool (a receiver
named `db`, `pool`, `dbpool`, ... or a parameter typed `*sql.DB`, `*sqlx.DB`, `*pgxpool.Pool`), in a
function known whole that begins no transaction (no `Begin`, `Tx(`, `Transaction`, `WithTx`, `BEGIN`)
and writes after the lock (an `Exec`, or SQL `UPDATE`/`INSERT`/`DELETE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._for_update_sql import locks_rows_alone, writes_in
from persona_review.checks._go_funcs import GoFunc, enclosing_functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_QUERY = lazy_re(
    r"(?<![\w.])(?P<recv>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.(?P<method>QueryRow|QueryRowContext|Query|QueryContext|"
    r"Get|GetContext|Select|SelectContext|QueryRowx|QueryRowxContext|Queryx|QueryxContext)\s*(?P<open>\()"
)
_POOL_NAME = lazy_re(
    r"(?i)^(?:db|pool|dbpool|sqldb|pgpool|pgxpool|database|conpool|connpool|writedb|maindb|rwdb)$"
)
_POOL_TYPES = ("*sql.DB", "*sqlx.DB", "*pgxpool.Pool")
_TRANSACTION = lazy_re(r"\bBegin\w*\s*\(|\.Tx\s*\(|\bTransaction\b|\bWithTx\b|\bRunInTx\b|\bBEGIN\b|\bTx\b")
_FIRST_ARG = lazy_re(r"^\(\s*(?:[A-Za-z_]\w*\s*,\s*)?(?P<name>[A-Za-z_]\w*)\s*[,)]")


@register(
    CheckSpec(
        id="GO-FOR-UPDATE-NO-TX",
        checklist_item="DATA-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`SELECT ... FOR UPDATE` on the pool, outside a transaction: the lock is released at once",
        explanation=(
            "On a `*sql.DB`/pgx pool each statement runs in autocommit on any free connection, so the row "
            "lock a `SELECT ... FOR UPDATE` takes ends when the query returns: concurrent requests read the "
            "same row and both write (a double booking, a lost update). Begin a transaction, run the locking "
            "read and the write on `tx`, and commit, or make it one conditional `UPDATE ... RETURNING`."
        ),
    ),
    needs=("FOR UPDATE", "for update", "FOR SHARE", "FOR NO KEY UPDATE"),
)
def for_update_no_tx(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no, "")
        if "(" not in bare:
            continue
        for call in _QUERY.finditer(bare):
            recv = call.group("recv")
            enclosing = enclosing_functions(ctx, no)
            if not enclosing:
                break  # the function is not known whole
            outermost = enclosing[-1]
            if not _is_pool(recv, enclosing):
                continue
            span = bracket_span(lexed, no, call.start("open"))
            sql = span.code + "\n" + _local_sql(lexed, outermost, span.bare, no)
            if not locks_rows_alone(sql):
                continue
            body = "\n".join(lexed.code.get(line, "") for line in range(outermost.first, outermost.last + 1))
            if _TRANSACTION.search(body):
                continue
            own = enclosing[0]
            after = "\n".join(lexed.code.get(line, "") for line in range(span.last + 1, own.last + 1))
            if not writes_in(after):
                continue  # a helper that only locks: meant to run in its caller's transaction
            yield Hit(no, message=(
                f"`{recv}.{call.group('method')}` runs a `FOR UPDATE` query on the pool, with no transaction "
                "in this function: in autocommit the row lock is released as soon as the query returns, so a "
                "concurrent request reads the same row and both write. Begin a transaction and run the "
                "locking read and the write on it (or make it one conditional `UPDATE ... RETURNING`)."
            ))
            break


def _is_pool(recv: str, enclosing: list[GoFunc]) -> bool:
    """Is `recv` a connection pool: named like one, or a parameter typed as one?"""
    if _POOL_NAME.match(recv.rpartition(".")[2]):
        return True
    return any(func.params.get(recv) in _POOL_TYPES for func in enclosing)


def _local_sql(lexed: Lexed, func: GoFunc, call: str, no: int) -> str:
    """The code of the assignment, in the function above line `no`, of the variable the call passes as its
    query (`db.QueryRowContext(ctx, q, id)`), if any."""
    arg = _FIRST_ARG.match(call)
    if arg is None:
        return ""
    name = re.escape(arg.group("name"))
    assigned = re.compile(rf"^\s*(?:const\s+|var\s+)?{name}\s*(?:string\s*)?:?=")
    for line in range(no - 1, func.first, -1):
        if assigned.match(lexed.bare.get(line, "")):
            return statement_span(lexed, line).code
    return ""
