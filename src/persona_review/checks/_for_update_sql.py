"""SQL text that takes row locks for later statements: `SELECT ... FOR UPDATE` (or `FOR NO KEY UPDATE`,
`FOR SHARE`) with no write in the same statement.

A single statement that locks and writes (`WITH next AS (SELECT ... FOR UPDATE SKIP LOCKED) UPDATE jobs
...`) needs no transaction around it: its own autocommit transaction covers both. A lone locking `SELECT`
does: in autocommit its lock is released when it returns, so the read-modify-write that follows is not
protected."""

from __future__ import annotations

from persona_review.lazy_re import lazy_re

_LOCKING = lazy_re(r"(?i)\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE)\b")
_WRITES = lazy_re(r"(?i)\bUPDATE\s+[\w.\"`]+\s+SET\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b")


def locks_rows_alone(sql: str) -> bool:
    """Does the SQL text take row locks with a `SELECT` that writes nothing in the same statement?"""
    return _LOCKING.search(sql) is not None and _WRITES.search(sql) is None
