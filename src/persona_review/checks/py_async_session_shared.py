"""Python: one SQLAlchemy `AsyncSession` (or one asyncpg connection) handed to tasks that run at once.

    async with self.session_factory() as session:
        results = await asyncio.gather(
            *(self._sync_vendor(session, vendor_id) for vendor_id in vendor_ids),
        )

An `AsyncSession` is one transaction on one connection, and so is an asyncpg connection: neither may be
used by two tasks at the same time. The tasks interleave at every `await`, so their queries run on the
same connection concurrently (asyncpg: "another operation is in progress"; SQLAlchemy: "concurrent
operations are not permitted"), objects of one task are flushed by another, and one task's failure rolls
back the others' work. SQLAlchemy's documentation says to use a separate session per concurrent task.

Reported on the `asyncio.gather(...)` whose calls pass the same session to several tasks: a starred
comprehension of calls that pass it or query it (`conn.fetchrow(...)`), or of `create_task` of such calls;
or two or more calls that do. The
session is a name bound by `async with X(...) as name` where X names a session (`session_factory()`,
`async_session()`, `AsyncSession(engine)`, `sessionmaker.begin()`) or a pool's connection (`pool.acquire()`),
or a parameter annotated `AsyncSession`/`AsyncConnection` (a FastAPI dependency).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ANNOTATIONS = ("AsyncSession", "AsyncConnection")
_DATABASE_WORDS = lazy_re(r"\b(?:sqlalchemy|sqlmodel|asyncpg|AsyncSession|async_sessionmaker)\b")
_DB_METHODS = frozenset({"commit", "rollback", "flush", "execute", "scalar", "scalars", "refresh", "fetch",
                         "fetchrow", "fetchval", "executemany", "begin_nested", "merge"})
_NOT_DATABASE = lazy_re(r"(?i)client|http|aiohttp|boto|aws|ssh|ftp|browser|websocket|grpc")


@register(
    CheckSpec(
        id="PY-ASYNC-SESSION-SHARED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="One async database session shared by tasks that run concurrently",
        explanation=(
            "An SQLAlchemy `AsyncSession` (or an asyncpg connection) is one transaction on one connection "
            "and must not be used by two tasks at once. Tasks run with `asyncio.gather` interleave at every "
            "`await`, so their queries collide on the connection (\"another operation is in progress\", "
            "`IllegalStateChangeError`), flush each other's objects, and one failure rolls back all of them. "
            "Give each task its own session (open it inside the task), or run the calls one after another."
        ),
    ),
    needs=("gather",),
)
def async_session_shared(ctx: FileContext) -> Iterator[Hit]:
    if "ession" not in ctx.known_text() and "acquire" not in ctx.known_text() \
            and "AsyncConnection" not in ctx.known_text():
        return
    database = _DATABASE_WORDS.search(ctx.known_text()) is not None
    seen: set[int] = set()
    for flow in flows(ctx):
        for scope, names in _sessions(flow.tree, database):
            for node, name in _shared(scope, names):
                line = node.lineno + flow.offset
                if line in seen or line not in ctx.added:
                    continue
                seen.add(line)
                yield Hit(line, (node.end_lineno or node.lineno) + flow.offset, (
                    f"`{name}` is one database session (one connection, one transaction), and "
                    f"`{_call_name(node)}` hands it to tasks that run at the same time: their queries "
                    "interleave on it, collide (\"another operation is in progress\") and share one "
                    "rollback. Open a session per task, or await the calls one by one."))


def _sessions(tree: ast.Module, database: bool) -> Iterator[tuple[ast.AST, set[str]]]:
    """(the code where a session name is bound, the names): an `async with` holding a database session or a
    pool connection (the file names a database library, or the block uses the name as one: `commit`,
    `execute`, `fetchrow`), or a function with a parameter annotated as one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.AsyncWith):
            names = {item.optional_vars.id for item in node.items
                     if isinstance(item.optional_vars, ast.Name) and _opens_session(item.context_expr)}
            if not database:
                names &= _used_as_database(node)
            if names:
                yield node, names
        elif isinstance(node, ast.AsyncFunctionDef):
            args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            names = {a.arg for a in args if a.annotation is not None
                     and ast.unparse(a.annotation).split("[")[0].split(".")[-1] in _ANNOTATIONS}
            if names:
                yield node, names


def _used_as_database(block: ast.AsyncWith) -> set[str]:
    """Names the block calls a database method on (`session.commit()`, `conn.fetchrow(...)`)."""
    return {node.value.id for node in ast.walk(block)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.attr in _DB_METHODS}


def _opens_session(expr: ast.expr) -> bool:
    """`session_factory()`, `async_session()`, `AsyncSession(engine)`, `Session.begin()`, `pool.acquire()`;
    not an HTTP or cloud client's session (`aiohttp.ClientSession()`, `aioboto3.Session()`), which several
    requests share by design."""
    if not isinstance(expr, ast.Call):
        return False
    name = dotted(expr.func)
    if not name or _NOT_DATABASE.search(name):
        return False
    if "session" in name.lower():
        return True
    parts = name.lower().split(".")
    return parts[-1] == "acquire" and len(parts) > 1 and "pool" in parts[-2]


def _shared(scope: ast.AST, names: set[str]) -> Iterator[tuple[ast.Call, str]]:
    """Each concurrent run in `scope` that hands one of `names` to several tasks, with the name."""
    for node in ast.walk(scope):
        if not isinstance(node, ast.Call):
            continue
        func = dotted(node.func)
        if func.split(".")[-1] == "gather":
            name = _gathered(node, names)
            if name:
                yield node, name


def _gathered(call: ast.Call, names: set[str]) -> str:
    """The session name the gathered calls share: passed by every call of a starred comprehension, or by two
    or more of its calls."""
    passing: list[str] = []
    for arg in call.args:
        if isinstance(arg, ast.Starred) and isinstance(arg.value, ast.GeneratorExp | ast.ListComp):
            name = _passes(arg.value.elt, names)
            if name:
                return name
        elif (name := _passes(arg, names)):
            passing.append(name)
    for name in passing:
        if passing.count(name) >= 2:
            return name
    return ""


def _passes(expr: ast.expr, names: set[str]) -> str:
    """The session name a call passes as an argument (`sync(session, id)`, `sync(db=session)`), or runs a
    query on (`conn.fetchrow(...)`)."""
    if isinstance(expr, ast.Await):
        expr = expr.value
    if not isinstance(expr, ast.Call):
        return ""
    wrapper = dotted(expr.func).split(".")[-1] in {"create_task", "ensure_future", "wait_for", "shield"}
    if wrapper and expr.args:
        return _passes(expr.args[0], names)
    func = expr.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in names \
            and func.attr in _DB_METHODS:
        return func.value.id  # `session.execute(...)` itself gathered
    values = [*expr.args, *(k.value for k in expr.keywords)]
    return next((v.id for v in values if isinstance(v, ast.Name) and v.id in names), "")


def _call_name(call: ast.Call) -> str:
    name = dotted(call.func)
    return f"{name}(...)" if name else "gather(...)"
