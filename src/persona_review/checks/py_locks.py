"""Python locks and semaphores left held by an early exit: `lock.acquire()`, a `return` or `raise` on some
path, and the code's own `lock.release()` further down in the same block that this path never reaches.
Every later `acquire()` then waits forever (a semaphore loses a permit for good).

Read on the `ast` of the file (or of the hunk's statements): the acquire statement, the release statement
after it in the same block, or a `try` there whose `finally` releases it (the code releases the lock
itself, so it is not handing it on), and each
`return`/`raise` between them, nested or not, that no release on its own path precedes. A `try` whose
`finally` releases covers everything in it; code in nested functions is left alone.

Pooled connections are read the same way: `conn = pool.getconn()` (psycopg2's pools) or
`conn = await pool.acquire()` (asyncpg, aiopg), given back by `pool.putconn(conn)`/`pool.release(conn)`
further down. An exit between the two leaves the connection checked out for good, and the pool runs dry
one early return at a time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._spans import reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_BODIES = ("body", "orelse", "finalbody")


@register(
    CheckSpec(
        id="PY-LOCK-HELD-ON-RETURN",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Early exit with the lock still held",
        explanation=(
            "This exit leaves between `acquire()` and the `release()` further down, so the lock stays held: "
            "every later `acquire()` waits forever (a semaphore loses a permit for good) and the threads or "
            "tasks behind it stop. Take the lock with `with lock:` (`async with` for asyncio), or release "
            "it in a `finally`."
        ),
    ),
    needs=("acquire(", "getconn("),
)
def lock_held_on_return(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    spanned: set[int] = set()
    for flow in flows(ctx):
        for stmts in _statement_lists(flow.tree):
            for leak, lock, acquired in _leaks_in(stmts):
                line = leak.lineno + flow.offset
                if line in seen:
                    continue
                seen.add(line)
                end = (leak.end_lineno or leak.lineno) + flow.offset
                start = acquired.lineno + flow.offset
                if start not in spanned and reaches(ctx, start, end):
                    spanned.add(start)  # the acquire and the first exit that leaves it held
                    yield Hit(start, end, message=_message(leak, lock))
                else:
                    yield Hit(line, end, message=_message(leak, lock))



def _statement_lists(tree: ast.Module) -> Iterator[list[ast.stmt]]:
    """Every block of statements in the module: bodies, `else`/`finally` blocks and `except` handlers."""
    for node in ast.walk(tree):
        for field in _BODIES:
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
                yield stmts
        if isinstance(node, ast.Try | ast.TryStar):
            for handler in node.handlers:
                yield handler.body


def _called(stmt: ast.stmt, method: str) -> str:
    """For `x.method()` (or `await x.method()`) as a statement, the receiver's dotted name; else ""."""
    if not isinstance(stmt, ast.Expr):
        return ""
    call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == method \
            and not call.args and not call.keywords:
        return dotted(call.func.value)
    return ""


_POOLED = {"getconn": "putconn", "acquire": "release"}
"""Pool method that checks a connection out -> the one that gives it back (`pool.putconn(conn)`)."""
_CONN = "conn:"
"""Prefix of the key of a pooled connection (the variable it is kept in); a lock's key is its name."""


def _taken(stmt: ast.stmt) -> str:
    """The key of what `stmt` takes: a lock (`lock.acquire()`), or a pooled connection kept in a variable
    (`conn = pool.getconn()`, `conn = await pool.acquire()`); else ""."""
    lock = _called(stmt, "acquire")
    if lock:
        return lock
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 \
            or not isinstance(stmt.targets[0], ast.Name):
        return ""
    call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) or call.args:
        return ""
    pool = dotted(call.func.value)
    if call.func.attr not in _POOLED or "pool" not in pool.rsplit(".", 1)[-1].lower():
        return ""
    return f"{_CONN}{call.func.attr}:{stmt.targets[0].id}"


def _gives_back(stmt: ast.stmt, key: str) -> bool:
    """`stmt` releases the lock, or hands the pooled connection back (`pool.putconn(conn)`)."""
    if not key.startswith(_CONN):
        return _called(stmt, "release") == key
    _, how, name = key.split(":", 2)
    if not isinstance(stmt, ast.Expr):
        return False
    call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == _POOLED[how] and bool(call.args)
            and isinstance(call.args[0], ast.Name) and call.args[0].id == name)


def _message(leak: ast.Return | ast.Raise, lock: str) -> str:
    shown = ast.unparse(leak)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if lock.startswith(_CONN):
        _, how, name = lock.split(":", 2)
        return (f"`{shown}` leaves with the pooled connection `{name}` still checked out: the "
                f"`{_POOLED[how]}({name})` further down never runs on this path, so the pool loses a "
                "connection for good and, one early exit at a time, runs dry. Give it back in a `finally` "
                "(or use the pool's context manager).")
    return (f"`{shown}` leaves with `{lock}` still held: the `{lock}.release()` further down never runs "
            f"on this path, so every later `{lock}.acquire()` waits forever (a semaphore loses a permit for "
            f"good). Use `with {lock}:` (`async with` for asyncio), or release it in a `finally`.")


def _leaks_in(stmts: Sequence[ast.stmt]) -> Iterator[tuple[ast.Return | ast.Raise, str, ast.stmt]]:
    """Each early exit that leaves a lock held: (the exit, the lock's name, its `acquire()` statement)."""
    for i, stmt in enumerate(stmts):
        lock = _taken(stmt)
        if not lock:
            continue
        end = next((j for j in range(i + 1, len(stmts)) if _releases(stmts[j], lock)), None)
        if end is None:
            continue  # not released in this block: handed on, or released by a `finally` elsewhere
        for leak in _exits(stmts[i + 1 : end], lock):
            yield leak, lock, stmt


def _releases(stmt: ast.stmt, lock: str) -> bool:
    """`lock.release()`, or a `try` whose `finally` releases it (`acquire()`, then `try: ... finally:
    release()` a few statements later: an exit before that `try` leaves the lock held)."""
    if _gives_back(stmt, lock):
        return True
    return isinstance(stmt, ast.Try | ast.TryStar) and any(_gives_back(s, lock) for s in stmt.finalbody)


def _exits(stmts: Sequence[ast.stmt], lock: str, caught: bool = False) -> Iterator[ast.Return | ast.Raise]:
    """`return`/`raise` statements reached in `stmts` before a release of `lock` on their path (a `raise`
    inside a `try` that has handlers is taken to be caught there, `caught`)."""
    for stmt in stmts:
        if _gives_back(stmt, lock):
            return  # the rest of this block runs with the lock released
        if _taken(stmt) == lock:
            return  # taken again: a pattern this reading does not follow
        if isinstance(stmt, ast.Return) or (isinstance(stmt, ast.Raise) and not caught):
            yield stmt
            return
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(stmt, ast.Try | ast.TryStar) and any(_gives_back(s, lock) for s in stmt.finalbody):
            continue
        handled = bool(getattr(stmt, "handlers", None))
        for field in _BODIES:
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                yield from _exits(inner, lock, caught or (handled and field == "body"))
        for handler in getattr(stmt, "handlers", []) or []:
            yield from _exits(handler.body, lock, caught)
        for case in getattr(stmt, "cases", []) or []:
            yield from _exits(case.body, lock, caught)
