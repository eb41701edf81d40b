"""SQL text that takes row locks for later statements: `SELECT ... FOR UPDATE` (or `FOR NO KEY UPDATE`,
`FOR SHARE`) with no write in the same statement.

A single statement that locks and writes (`WITH next AS (SELECT ... FOR UPDATE SKIP LOCKED) UPDATE jobs
...`) needs no transaction around it: its own autocommit transaction covers both. A lone locking `SELECT`
does: in autocommit its lock is released when it returns, so the read-modify-write that follows is not
protected. A lock taken by a helper that only locks (and returns) is usually meant to run inside its
caller's transaction, so the checks ask for a write after the lock in the same function too."""

from __future__ import annotations

from persona_review.lazy_re import lazy_re

_LOCKING = lazy_re(r"(?i)\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE)\b")
_WRITES = lazy_re(r"(?i)\bUPDATE\s+[\w.\"`]+\s+SET\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b")


def locks_rows_alone(sql: str) -> bool:
    """Does the SQL text take row locks with a `SELECT` that writes nothing in the same statement?"""
    return _LOCKING.search(sql) is not None and _WRITES.search(sql) is None


_WRITE_AFTER = lazy_re(
    r"(?i)\bUPDATE\s+[\w.\"`]+\s+SET\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b"
    r"|\.(?:Exec|ExecContext|NamedExec|NamedExecContext|MustExec)\s*\("
    r"|\.(?:update|updateMany|create|createMany|insert|save|delete|deleteMany|upsert|increment|decrement|"
    r"destroy|\$executeRaw|\$executeRawUnsafe)\s*[(`]"
)


def writes_in(code: str) -> bool:
    """Does the code (a function's lines after a locking read) write: SQL `UPDATE`/`INSERT`/`DELETE`, a Go
    `Exec`, or an ORM write call?"""
    return _WRITE_AFTER.search(code) is not None
