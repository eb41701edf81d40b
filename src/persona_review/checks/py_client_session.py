"""Python: an `aiohttp.ClientSession` made inside a function and never closed there.

    async def country_of(self, ip: str) -> str | None:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3))
        resp = await session.get(f"{self._base_url}/ip/{ip}")

A session owns a connection pool. One made per call and never closed leaks its connections and sockets
('Unclosed client session' warnings, then file descriptors running out under load), and loses the point of
pooling: every call pays a new TCP and TLS handshake. Reported on a session assigned to a local name that
the function only calls methods on (no `close()`, no `async with session`, not returned, stored or passed
on), and on a session used on the spot (`aiohttp.ClientSession().get(...)`). The function must be known
entire.

The same holds for the other clients that own a pool or a connection (reported outside tests, scripts,
migrations and management commands): `create_engine`/`create_async_engine` (an engine is a connection
pool: one per call opens new database connections on every call until the database's connection limit is
reached), an asyncio Redis client (`redis.asyncio.Redis(...)`, `aioredis.from_url(...)`: a connection
pool per client, which nothing closes when the client is dropped), `psycopg2.connect`/`psycopg.connect` (a
database connection), `httpx.Client`/`AsyncClient` and `requests.Session` (a pool of keep-alive sockets).
Closing them (`close()`, `dispose()`), `with` on them, or handing them on keeps the function quiet.

A synchronous redis-py client (`redis.Redis(...)`, `redis.from_url(...)`, `Redis.from_url(...)` imported
from `redis`) is not reported: it closes the pool it made itself when it is dropped (`Redis.__del__` calls
`close()`, which disconnects a pool the client created), so a client made for one call and left behind
gives its connection back when the function returns (`Redis.from_url(url).lock(...)` in a task): a
connection per call, not a leak. Only a name bound to `redis.asyncio` (`import redis.asyncio as redis`,
`from redis.asyncio import Redis`) makes those spellings the asyncio client.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._py_functions import ends_in_exit, functions_of, own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re


@register(
    CheckSpec(
        id="PY-CLIENT-SESSION-UNCLOSED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="HTTP session, database engine or client made per call and never closed",
        explanation=(
            "An aiohttp or httpx session, a `requests.Session`, an SQLAlchemy engine, a Redis client and a "
            "psycopg connection each own connections (a pool of them): made per call and never closed, "
            "every call opens new ones, so under load the database or the upstream reaches its connection "
            "limit and the process runs out of file descriptors, and every call pays a new handshake. Make "
            "the client once per process and reuse it, or close it where it is made (`with ...`)."
        ),
    ),
    needs=("ClientSession", "create_engine", "create_async_engine", "Redis", "from_url", "connect",
           "Client", "Session", "session"),
)
def client_session_unclosed(ctx: FileContext) -> Iterator[Hit]:
    makers = _makers(ctx.known_text(), app_code=not _NOT_APP.search(ctx.path))
    if not makers:
        return
    seen: set[int] = set()
    for flow in flows(ctx):
        for function in functions_of(flow):
            if _runs_once(function) or not _known_entire(ctx, function, flow.offset):
                continue
            for line, message in _unclosed(function, makers):
                if line + flow.offset not in seen:
                    seen.add(line + flow.offset)
                    yield Hit(line + flow.offset, None, message)


_AIOHTTP, _ENGINE, _REDIS, _DATABASE, _HTTP = "aiohttp", "engine", "redis", "database", "http"
_MESSAGES = {
    _AIOHTTP: ("This `aiohttp.ClientSession` is made for this call and never closed: its connection pool "
               "and sockets leak on every call. Use `async with aiohttp.ClientSession() as session:` or one "
               "shared session closed at shutdown."),
    _ENGINE: ("A new SQLAlchemy engine, with its own connection pool, is made on every call and never "
              "disposed: each call opens new database connections, and under load the database refuses "
              "them (too many connections). Create the engine once at module or application level and "
              "reuse it."),
    _REDIS: ("A new Redis client, with its own connection pool, is made on every call and never closed: "
             "each call opens new connections, and under load Redis hits `maxclients` and the process runs "
             "out of sockets. Create the client once and reuse it."),
    _DATABASE: ("This database connection is opened for the call and never closed: a failure or a missed "
                "path leaves it open until garbage collection, and under load the database runs out of "
                "connections. Use `with` (psycopg 3) or `try`/`finally: conn.close()`, or take it from a "
                "shared pool."),
    _HTTP: ("A new HTTP client, with its own pool of keep-alive sockets, is made on every call and never "
            "closed: every call pays a new TCP and TLS handshake and leaves its sockets open. Use `with` on "
            "it, or keep one client for the process and close it at shutdown."),
}
_WHAT = {_AIOHTTP: "aiohttp session", _ENGINE: "SQLAlchemy engine", _REDIS: "Redis client",
         _DATABASE: "database connection", _HTTP: "HTTP client"}


def _early_message(kind: str, statement: str) -> str:
    return (f"This `{statement}` leaves before the `try` whose `finally` closes the {_WHAT[kind]} made "
            "above: on this path it is never closed, so every call that takes it leaks its connections. Make "
            "the client after the early returns, or open the `try` (or `async with`) right where it is made.")


_KINDS: dict[str, tuple[str, str]] = {
    # dotted name as called -> (kind, module a bare name must be imported from)
    "aiohttp.ClientSession": (_AIOHTTP, ""),
    "ClientSession": (_AIOHTTP, "aiohttp"),
    "sqlalchemy.create_engine": (_ENGINE, ""),
    "create_engine": (_ENGINE, ""),  # only SQLAlchemy uses the name
    "create_async_engine": (_ENGINE, ""),
    "redis.Redis": (_REDIS, ""),
    "redis.StrictRedis": (_REDIS, ""),
    "redis.from_url": (_REDIS, ""),
    "redis.Redis.from_url": (_REDIS, ""),
    "redis.StrictRedis.from_url": (_REDIS, ""),
    "redis.asyncio.Redis": (_REDIS, ""),
    "redis.asyncio.from_url": (_REDIS, ""),
    "redis.asyncio.Redis.from_url": (_REDIS, ""),
    "aioredis.from_url": (_REDIS, ""),
    "Redis": (_REDIS, "redis"),
    "StrictRedis": (_REDIS, "redis"),
    "Redis.from_url": (_REDIS, "redis"),
    "psycopg2.connect": (_DATABASE, ""),
    "psycopg.connect": (_DATABASE, ""),
    "psycopg.AsyncConnection.connect": (_DATABASE, ""),
    "httpx.Client": (_HTTP, ""),
    "httpx.AsyncClient": (_HTTP, ""),
    "requests.Session": (_HTTP, ""),
    "requests.session": (_HTTP, ""),
}
_NOT_APP = lazy_re(
    r"(?:^|/)(?:tests?|testing|scripts?|tools|bin|migrations|alembic|management/commands|benchmarks?|"
    r"examples?|docs)/|(?:^|/)(?:test_[^/]*|[^/]*_tests?|conftest|setup|manage|env|cli|commands|"
    r"migrations?)\.py$"
)
_ONCE = frozenset({"main", "__init__", "setup", "startup", "lifespan", "create_app", "init_app", "run",
                   "on_startup", "ready"})
"""Functions that run once per process (or build what the process keeps): a client made there is the
process's one client."""


def _runs_once(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function run once per process: `main`, a constructor, a start-up hook, a CLI command (click's or
    typer's `@....command`)."""
    if function.name in _ONCE:
        return True
    for decorator in function.decorator_list:
        name = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator)
        if name.rsplit(".", 1)[-1] in {"command", "group", "callback", "on_event"}:
            return True
    return False


_SYNC_REDIS = frozenset({"redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url",
                         "redis.StrictRedis.from_url", "Redis", "StrictRedis", "Redis.from_url"})
"""redis-py's synchronous client, unless the file binds `redis` (or the bare name) to `redis.asyncio`: it
closes the pool it made when it is dropped, so one made per call is not a leak."""
_ASYNC_REDIS_MODULE = lazy_re(
    r"^\s*(?:import\s+redis\.asyncio|from\s+redis\s+import\s+asyncio)\s+as\s+redis\b", re.MULTILINE)
_ASYNC_REDIS_NAME = lazy_re(
    r"^\s*from\s+redis\.asyncio(?:\.client)?\s+import\b[^\n]*\b(?:Strict)?Redis\b", re.MULTILINE)


def _async_redis(name: str, known: str) -> bool:
    """Does the sync-looking spelling `name` call the asyncio client here: `redis.` bound to `redis.asyncio`,
    or the bare `Redis` imported from it?"""
    if "redis.asyncio" not in known and "import asyncio" not in known:
        return False  # neither import can be there: no need to scan the file
    if name.startswith("redis."):
        return _ASYNC_REDIS_MODULE.search(known) is not None
    return _ASYNC_REDIS_NAME.search(known) is not None


def _makers(known: str, app_code: bool) -> dict[str, str]:
    """The constructors this file can call, by dotted name, with their kind. Only aiohttp's outside
    application code (tests and one-off scripts open what they like)."""
    out: dict[str, str] = {}
    for name, (kind, module) in _KINDS.items():
        if kind != _AIOHTTP and not app_code:
            continue
        head = name.split(".")[0]
        if head not in known:
            continue
        if name in _SYNC_REDIS and not _async_redis(name, known):
            continue  # closed when dropped (`Redis.__del__`): a connection per call, not a leak
        if module and not re.search(rf"\b(?:from\s+{module}[\w.]*\s+import\b|import\s+{module}\b)", known):
            continue
        if not _called(name, known):
            continue
        out[name] = kind
    if "ClientSession" in out and "import aiohttp" not in known and "from aiohttp import" not in known:
        del out["ClientSession"]
    return out


def _called(name: str, known: str) -> bool:
    """The file's text calls the constructor: by its dotted name (`requests.Session(`), or by its last part
    as a word when that part is imported on its own (`from redis import Redis` ... `Redis(`)."""
    if f"{name}(" in known:
        return True
    tail = name.rsplit(".", 1)[-1]
    return "." in name and re.search(rf"(?<![\w.]){re.escape(tail)}\s*\(", known) is not None and re.search(
        rf"\bimport\b[^\n]*\b{re.escape(tail)}\b", known) is not None


def _unpooled(node: ast.expr) -> bool:
    """`create_engine(url, poolclass=NullPool)`: an engine that keeps no connections between uses."""
    call = node.value if isinstance(node, ast.Await) else node
    return isinstance(call, ast.Call) and any(
        k.arg == "poolclass" and dotted(k.value).endswith("NullPool") for k in call.keywords)


def _kind(node: ast.expr, makers: dict[str, str]) -> str | None:
    if isinstance(node, ast.Await):
        node = node.value
    if not isinstance(node, ast.Call):
        return None
    return makers.get(dotted(node.func))


def _unclosed(function: ast.FunctionDef | ast.AsyncFunctionDef, makers: dict[str, str]
              ) -> Iterator[tuple[int, str]]:
    """(line, message) of each client made in `function` and not closed on every path."""
    nodes = list(own_nodes(function))
    kept = {name for node in nodes if isinstance(node, ast.Global | ast.Nonlocal) for name in node.names}
    for node in nodes:
        # `aiohttp.ClientSession().get(...)`: a session nothing can close
        if isinstance(node, ast.Attribute) and node.attr != "connection_pool":
            kind = _kind(node.value, makers)
            if kind is not None and not _unpooled(node.value):
                yield node.lineno, _MESSAGES[kind]
    for node in nodes:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        if not isinstance(node.targets[0], ast.Name):
            continue
        kind = _kind(node.value, makers)
        if kind is None or _unpooled(node.value) or node.targets[0].id in kept:
            continue
        name = node.targets[0].id
        if not _handed_on_or_closed(nodes, name, node):
            yield node.lineno, _MESSAGES[kind]
            continue
        early = _exit_before_cleanup(nodes, name, node)
        if early is not None:
            yield early.lineno, _early_message(kind, "raise" if isinstance(early, ast.Raise) else "return")


def _exit_before_cleanup(nodes: list[ast.AST], name: str, made: ast.Assign) -> ast.Return | ast.Raise | None:
    """The first `return` or `raise` between the client's creation and the `try` whose `finally` closes
    it (`if base == quote: return Decimal(1)` before `try: ... finally: await client.aclose()`): on that
    path the client is never closed. Not a `return` that hands the client itself on."""
    made_end = made.end_lineno or made.lineno
    closing = [node for node in nodes if isinstance(node, ast.Try) and node.lineno > made_end
               and any(_closes(sub, name) for stmt in node.finalbody for sub in ast.walk(stmt))]
    if not closing:
        return None
    start = min(node.lineno for node in closing)
    exits = [node for node in nodes
             if isinstance(node, ast.Return | ast.Raise) and made_end < node.lineno < start
             and not any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(node))]
    return min(exits, key=lambda node: node.lineno) if exits else None


def _closes(node: ast.AST, name: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == name
            and node.func.attr in {"close", "aclose", "dispose", "disconnect"})


_CLOSERS = frozenset({"close", "aclose", "detach", "__aexit__", "__exit__", "dispose", "connection_pool"})


def _handed_on_or_closed(nodes: list[ast.AST], name: str, made: ast.Assign) -> bool:
    """Any use of `name` other than calling one of its request methods: closing it, `async with` on it,
    returning, storing, yielding or passing it on."""
    method_calls: set[int] = set()
    for node in nodes:
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name
                and node.attr not in _CLOSERS):
            method_calls.add(id(node.value))
    for node in nodes:
        if isinstance(node, ast.Name) and node.id == name and id(node) not in method_calls:
            if node is made.targets[0]:
                continue
            return True
    return False


def _known_entire(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef, offset: int) -> bool:
    """The whole file is known; or a known line after the function is dedented to its `def`; or the
    function ends its hunk on an added line (a hunk ends without the usual lines of context after its last
    change only at the end of the file) and either is added whole or its hunk has context lines (a diff
    made with context, not `-U0`, whose hunks end on a change only at the end of the file); or its body,
    from a `def` in view or from the start of a hunk inside the function its header names, ends in a
    `return` or `raise`."""
    if ctx.whole_file:
        return True
    first = node.lineno + offset
    if ends_in_exit(node) and (first in ctx.lines or ctx.segment_start(first + 1) == first + 1):
        return True
    last = (node.end_lineno or node.lineno) + offset
    no = last + 1
    while no in ctx.lines:
        text = ctx.lines[no]
        if text.strip():
            return len(text) - len(text.lstrip()) <= node.col_offset
        no += 1
    start = node.lineno + offset
    if not all(n in ctx.added for n in range(last, no)):
        return False
    return start in ctx.added or any(
        n in ctx.lines and n not in ctx.added for n in range(start, last + 1))
