"""Python: a SQLAlchemy session's failed `commit()`/`flush()` caught without a rollback.

When a flush fails (a unique or foreign-key violation, a lost connection), the session's transaction is
left inactive: every later use of that session (the next query of the request, the next iteration of a
loop, the next request on a worker's shared session) raises `PendingRollbackError` ("This Session's
transaction has been rolled back due to a previous exception during flush") until someone calls
`rollback()`. A handler that turns the error into a 409 or a log line and carries on leaves that trap.

Reported: an `except` clause of a `try` whose own block calls `<...session>.commit()` or `.flush()` (a
receiver named like a session: `db.session`, `self.session`, `session`; or `db`, FastAPI's usual name for
the request's session, when awaited or when the file shows SQLAlchemy), when the clause catches a
database error or everything (`IntegrityError`, `SQLAlchemyError`, `DBAPIError`, `OperationalError`,
`DataError`, `Exception`, a bare `except`) and its block neither calls `rollback()`, `close()` or
`remove()` nor raises. Left alone: a `finally` of the same `try` that rolls back or closes, and a `try`
inside a `with` block that owns a session or a transaction (`with Session() as session`,
`with session.begin()`), whose exit rolls the failed transaction back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, indent_of, python_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TRY = lazy_re(r"^\s*try\s*:\s*$")
_WRITE = lazy_re(r"(?<![\w.])((?:[\w]+\.)*\w*[sS]ession)\s*(?:\(\s*\))?\.(commit|flush)\s*\(")
_EXCEPT = lazy_re(r"^\s*except\b\s*(.*?)\s*(?:\bas\s+\w+\s*)?:\s*$")
_FINALLY = lazy_re(r"^\s*finally\s*:\s*$")
_CLAUSE = lazy_re(r"^\s*(?:except\b|else\s*:|finally\s*:)")
_DB_ERRORS = frozenset({
    "", "Exception", "BaseException", "SQLAlchemyError", "IntegrityError", "DBAPIError", "OperationalError",
    "DataError", "DatabaseError", "StatementError", "InvalidRequestError", "ProgrammingError",
})
_RECOVERS = lazy_re(
    r"\.(?:rollback|close|remove)\s*\(|^\s*raise\b|^\s*(?:flask\.)?abort\s*\(|^\s*(?:sys\.)?exit\s*\("
)
"""A block that rolls back or closes the session, or leaves by an exception (`raise`, Flask's `abort()`) or
by ending the process (`sys.exit()`)."""
_LEAVES = lazy_re(r"^\s*(?:return\b|continue\s*$|break\s*$)")
"""A line that leaves the block: nothing after it in the block runs, so the block is known to its end."""
_OWNED = lazy_re(r"^\s*(?:async\s+)?with\b.*(?:\bSession\w*\s*\(|session\w*\s*\(|\.begin(?:_nested)?\s*\()")
"""A `with` block that owns a session or a transaction: leaving it rolls a failed transaction back."""


@register(
    CheckSpec(
        id="PY-SQLALCHEMY-NO-ROLLBACK",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Failed SQLAlchemy commit caught without a rollback",
        explanation=(
            "After a failed `commit()` or `flush()` the session's transaction is inactive: every later use "
            "of the same session raises `PendingRollbackError` until `rollback()` is called, so one "
            "duplicate or one dropped connection breaks whatever the request, the loop or the worker does "
            "next with that session. Call `session.rollback()` in the `except` block before answering or "
            "going on (or re-raise, or use `with session.begin():` so the block rolls back for you)."
        ),
    ),
    needs=("commit", "flush"),
)
def sqlalchemy_no_rollback(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if _TRY.match(bare) is None:
            continue
        body = python_block(lexed, no)
        writes = [w for n in body if (w := _write(ctx, lexed.bare[n])) is not None]
        if not writes or _owned(lexed, no) or _opened_inside(lexed, no, body):
            continue
        clauses = _clauses(lexed, no)
        if clauses is None or any(_FINALLY.match(lexed.bare[c]) and _recovers(lexed, c) for c in clauses):
            continue
        session, call = writes[0].group(1), writes[0].group(2)
        for clause in clauses:
            found = _EXCEPT.match(lexed.bare[clause])
            if found is None or not set(_types(found.group(1))) <= _DB_ERRORS:
                continue
            if _recovers(lexed, clause):
                continue
            block = python_block(lexed, clause)
            caught = found.group(1) or "everything"
            yield Hit(clause, block[-1] if block and block[-1] > clause else None, (
                f"`except {caught}` handles a failed `{session}.{call}()` without `{session}.rollback()` "
                "or a re-raise: the session stays in its failed transaction, and its next use raises "
                "`PendingRollbackError`."))


_DB_WRITE = lazy_re(r"(?<![\w.])((?:self\.)?db)\s*\.(commit|flush)\s*\(")
_AWAITED_DB_WRITE = lazy_re(r"\bawait\s+((?:self\.)?db)\s*\.(commit|flush)\s*\(")
_SQLALCHEMY = lazy_re(r"\bsqlalchemy\b|\b(?:Async)?Session\b|\bsessionmaker\b")


def _write(ctx: FileContext, bare: str) -> re.Match[str] | None:
    """A session's `commit()`/`flush()`: on a receiver named like a session, or on `db` (FastAPI's usual
    name for the request's session) when it is awaited (an `AsyncSession`) or the file shows SQLAlchemy."""
    found = _WRITE.search(bare)
    if found is not None or "db" not in bare:
        return found
    found = _AWAITED_DB_WRITE.search(bare)
    if found is not None:
        return found
    return _DB_WRITE.search(bare) if _SQLALCHEMY.search(ctx.known_text()) else None


def _types(caught: str) -> list[str]:
    return [t.strip().rsplit(".", 1)[-1] for t in caught.strip("() ").split(",")] if caught else [""]


def _owned(lexed: Lexed, line: int) -> bool:
    return any(_OWNED.match(text) for _no, text in enclosing_headers(lexed, line, limit=200))


def _opened_inside(lexed: Lexed, try_line: int, body: list[int]) -> bool:
    """A `with` inside the `try` owns the session the write uses (`async with sessionmaker() as session:`):
    it is gone, rolled back, by the time an `except` runs."""
    return any(_OWNED.match(lexed.bare[n]) for n in body if n > try_line)


def _clauses(lexed: Lexed, try_line: int) -> list[int] | None:
    """The `except`/`else`/`finally` lines of the `try`, or None when the statement is not all in view."""
    indent = indent_of(lexed.bare[try_line])
    out: list[int] = []
    no = try_line + 1
    while True:
        text = lexed.bare.get(no)
        if text is None:  # out of view: enough when the last clause is known to its end
            return out if out and _ends(lexed, out[-1]) else None
        if text.strip() and indent_of(text) <= indent:
            if indent_of(text) == indent and _CLAUSE.match(text):
                out.append(no)
            else:
                return out or None
        no += 1


def _recovers(lexed: Lexed, clause: int) -> bool:
    block = python_block(lexed, clause)
    if not block or (block[-1] + 1 not in lexed.bare and not lexed.whole_file and not _ends(lexed, clause)):
        return True  # the block runs out of view: it may roll back further down
    return any(_RECOVERS.search(lexed.bare[n]) for n in block)


def _ends(lexed: Lexed, clause: int) -> bool:
    """Whether the clause's block is known to its end: its last line leaves it (`return`, `continue`)."""
    block = python_block(lexed, clause)
    return bool(block) and _LEAVES.match(lexed.bare[block[-1]]) is not None
