"""Python calls that block the event loop from inside `async def`: `time.sleep`, synchronous HTTP clients and
subprocesses run to completion. While one of them waits, every other request the process serves waits too.

Names are read through the file's imports (`from time import sleep`, `import requests as rq`); a module
written out (`subprocess.run`) counts when the file binds that name to nothing else. Synchronous client
objects are followed when the file makes them (`s = requests.Session()`, `with httpx.Client() as c`,
`self.http = urllib3.PoolManager()`). Code in a nested `def` or `lambda` is left alone: it is typically
handed to `asyncio.to_thread` or an executor, which is the fix.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_SLEEP = "sleep"
_HTTP = "http"
_PROCESS = "process"
_DATABASE = "database"
_REDIS = "redis"
_AWS = "aws"
_NETWORK = "network"

BLOCKING: dict[str, str] = {
    "time.sleep": _SLEEP,
    **{f"requests.{verb}": _HTTP for verb in _HTTP_VERBS},
    **{f"httpx.{verb}": _HTTP for verb in (*_HTTP_VERBS, "stream")},
    "urllib.request.urlopen": _HTTP,
    "urllib3.request": _HTTP,
    **{f"subprocess.{fn}": _PROCESS for fn in ("run", "call", "check_call", "check_output", "getoutput",
                                               "getstatusoutput")},
    "os.system": _PROCESS,
    **{f"os.{fn}": _PROCESS for fn in ("wait", "wait3", "wait4", "waitid", "waitpid", "posix_spawn",
                                       "posix_spawnp")},
    **{name: _DATABASE for name in ("psycopg2.connect", "pymysql.connect", "MySQLdb.connect",
                                    "mysql.connector.connect", "pyodbc.connect", "cx_Oracle.connect")},
    **{name: _NETWORK for name in ("smtplib.SMTP", "smtplib.SMTP_SSL", "socket.create_connection",
                                   "ftplib.FTP")},
}
"""Qualified name -> what it blocks on. `subprocess.Popen` is missing on purpose: starting a process
returns at once, and waiting for it (`.wait()`, `.communicate()`) is the slow part."""

_SPAWN = frozenset(f"os.spawn{suffix}" for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe"))
"""Blocking only in `P_WAIT` mode (the first argument): with `P_NOWAIT` they return the child's pid."""

SYNC_CLIENTS: dict[str, str] = {
    **dict.fromkeys(("requests.Session", "requests.session", "httpx.Client", "urllib3.PoolManager"), _HTTP),
    **dict.fromkeys(("redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url",
                     "redis.StrictRedis.from_url"), _REDIS),
    "boto3.client": _AWS,
    **dict.fromkeys(("smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP"), _NETWORK),
}
"""Constructors of synchronous clients (HTTP, Redis, AWS) whose calls block, and what they block on."""
_HTTP_METHODS = frozenset({*_HTTP_VERBS, "send", "stream", "urlopen"})
_LOCAL_METHODS = {
    _REDIS: frozenset({"pipeline", "lock", "pubsub", "register_script", "get_encoder", "close"}),
    _NETWORK: frozenset({"set_debuglevel", "close"}),
    _AWS: frozenset({"get_paginator", "get_waiter", "can_paginate", "generate_presigned_url",
                     "generate_presigned_post", "close"}),
}
"""Methods of these clients that do no I/O (they build an object, sign a URL)."""

_MODULES = frozenset(name.split(".", 1)[0] for name in (*BLOCKING, *SYNC_CLIENTS, *_SPAWN))

_ADVICE = {
    _SLEEP: "`await asyncio.sleep(...)` (or the `sleep` of the async library in use)",
    _HTTP: "an async client (`httpx.AsyncClient`, `aiohttp`), or `await asyncio.to_thread(...)` around it",
    _PROCESS: "`await asyncio.create_subprocess_exec(...)`, or `await asyncio.to_thread(...)` around it",
    _DATABASE: "an async driver (asyncpg, psycopg 3's `AsyncConnection`, aiomysql), or `asyncio.to_thread`",
    _REDIS: "`redis.asyncio` (the same API, awaited), or `await asyncio.to_thread(...)` around it",
    _AWS: "`aioboto3`/`aiobotocore`, or `await asyncio.to_thread(...)` around the call",
    _NETWORK: "the asyncio equivalent (`asyncio.open_connection`, `aiosmtplib`), or `asyncio.to_thread`",
}


@register(
    CheckSpec(
        id="PY-BLOCKING-IN-ASYNC",
        checklist_item="ERR-11",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Blocking call inside async code",
        explanation=(
            "An `async def` runs on the event loop, and this call holds the loop until it returns: while a "
            "sleep, a synchronous HTTP request or a subprocess waits, no other request served by the process "
            "moves, health checks time out and a slow dependency stalls the whole service. Use the async "
            "form, or move the blocking call to a thread with `asyncio.to_thread`."
        ),
    ),
    needs=("async",),
)
def blocking_in_async(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        functions = flow.nodes(ast.AsyncFunctionDef)
        if not functions:
            continue
        names = imported_names(flow)
        clients = _file_clients(flow.tree, names)
        for function in functions:
            local = _bindings(_own_nodes(function), names)
            for call in _own_calls(function):
                kind = _blocking_kind(call, names, clients, local)
                line = call.lineno + flow.offset
                if kind is None or line in seen:
                    continue
                seen.add(line)
                yield Hit(line, (call.end_lineno or call.lineno) + flow.offset,
                          message=_message(dotted(call.func), kind))


def _sleeps_zero(call: ast.Call) -> bool:
    """`time.sleep(0)` gives up the thread's time slice and returns: it holds the loop for no time."""
    return (len(call.args) == 1 and isinstance(call.args[0], ast.Constant)
            and call.args[0].value in (0, 0.0) and not isinstance(call.args[0].value, bool))


def _waits(call: ast.Call) -> bool:
    """An `os.spawn*` call whose mode (first argument or `mode=`) is written as `P_WAIT`."""
    mode = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "mode"), None)
    return mode is not None and dotted(mode).rsplit(".", 1)[-1] == "P_WAIT"


def _message(name: str, kind: str) -> str:
    return (f"`{name}(...)` runs on the event loop of this `async def` and holds it until it returns: while "
            "it waits, no other request served by the process moves, health checks time out and one slow "
            f"dependency stalls the whole service. Use {_ADVICE[kind]}.")


def _own_nodes(function: ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes that run when `function` runs (nested functions, lambdas and classes left out), and its
    parameters."""
    yield from ast.walk(function.args)
    stack: list[ast.AST] = list(reversed(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        yield node
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _own_calls(function: ast.AsyncFunctionDef) -> Iterator[ast.Call]:
    """Calls that run on the loop when `function` runs and are not awaited (an awaited call is async, whatever
    the name it is called through suggests)."""
    awaited: set[int] = set()
    for node in _own_nodes(function):
        if isinstance(node, ast.Await):
            awaited.add(id(node.value))
        elif isinstance(node, ast.Call) and id(node) not in awaited:
            yield node


def _qualified(node: ast.expr, names: dict[str, str]) -> str:
    """The dotted name of `node` with its first part read through the imports, or "" when that first part is
    neither imported nor one of the known modules (a local `sleep` or `run` is none of ours)."""
    written = dotted(node)
    if not written or "()" in written:
        return ""
    head, dot, _rest = written.partition(".")
    if head in names:
        return canonical(written, names)
    return written if head in _MODULES and dot else ""


def _bindings(nodes: Iterable[ast.AST], names: dict[str, str]) -> list[tuple[int, str, str]]:
    """(line, bound name, the kind of synchronous client it is bound to or "") for each binding in `nodes`."""
    out: list[tuple[int, str, str]] = []
    for node in nodes:
        bound: list[tuple[ast.expr, ast.expr | None]] = []
        if isinstance(node, ast.Assign):
            bound = [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
            bound = [(node.target, node.value)]
        elif isinstance(node, ast.With):
            bound = [(item.optional_vars, item.context_expr) for item in node.items if item.optional_vars]
        elif isinstance(node, ast.AsyncWith):
            bound = [(item.optional_vars, None) for item in node.items if item.optional_vars]
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            bound = [(node.target, None)]
        elif isinstance(node, ast.arg):
            typed = _client_type(node.annotation, names) if node.annotation is not None else ""
            out.append((getattr(node, "lineno", 0), node.arg, typed))
        for target, value in bound:
            name = dotted(target)
            if name:
                kind = _makes_client(value, names) if value is not None else ""
                if not kind and isinstance(node, ast.AnnAssign):
                    kind = _client_type(node.annotation, names)
                out.append((getattr(node, "lineno", getattr(target, "lineno", 0)), name, kind))
    return out


def _file_clients(tree: ast.Module, names: dict[str, str]) -> dict[str, str]:
    """Module-level names and `self.` attributes the file binds to a new synchronous HTTP client, and to
    nothing else (one also bound to something else may hold either when the call runs). A function's own
    names are its own business (see `_is_client`)."""
    made: dict[str, set[str]] = {}
    module_level = _outside_functions(tree)
    attributes = (n for n in ast.walk(tree) if isinstance(n, ast.Assign | ast.AnnAssign | ast.With)
                  and any(dotted(t).startswith("self.") for t in _targets(n)))
    for _line, name, kind in _bindings([*module_level, *attributes], names):
        made.setdefault(name, set()).add(kind)
    return {name: next(iter(kinds)) for name, kinds in made.items() if len(kinds) == 1 and "" not in kinds}


def _outside_functions(tree: ast.Module) -> list[ast.AST]:
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


def _targets(node: ast.Assign | ast.AnnAssign | ast.With) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, ast.AnnAssign):
        return [node.target]
    return [item.optional_vars for item in node.items if item.optional_vars is not None]


def _client_kind(receiver: str, line: int, local: list[tuple[int, str, str]], clients: dict[str, str]) -> str:
    """The kind of synchronous client `receiver` holds at `line` ("" for none): by the function's own latest
    binding of it before that line when it has one, else by the file's."""
    before = [(at, kind) for at, name, kind in local if name == receiver and at <= line]
    if before:
        return max(before)[1]
    if any(name == receiver for _at, name, _kind in local):
        return ""  # bound only after the call in this function: what it holds here is unknown
    return clients.get(receiver, "")


_CLIENT_CLASSES = {"redis.Redis": _REDIS, "redis.StrictRedis": _REDIS, "requests.Session": _HTTP,
                   "httpx.Client": _HTTP, "urllib3.PoolManager": _HTTP}


def _client_type(annotation: ast.expr, names: dict[str, str]) -> str:
    """The kind of client an annotation names (`client: httpx.Client`), or ""."""
    return _CLIENT_CLASSES.get(_qualified(annotation, names), "")


def _makes_client(value: ast.expr, names: dict[str, str]) -> str:
    """The kind of client `value` makes (`requests.Session()`, `boto3.client("s3")`), or ""."""
    return SYNC_CLIENTS.get(_qualified(value.func, names), "") if isinstance(value, ast.Call) else ""


def _blocking_kind(call: ast.Call, names: dict[str, str], clients: dict[str, str],
                   local: list[tuple[int, str, str]]) -> str | None:
    name = _qualified(call.func, names)
    kind = BLOCKING.get(name)
    if kind == _SLEEP and _sleeps_zero(call):
        return None
    if kind is not None:
        return kind
    if name in _SPAWN:
        return _PROCESS if _waits(call) else None
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr.startswith("_"):
        return None
    client = _makes_client(func.value, names) or _client_kind(dotted(func.value), call.lineno, local, clients)
    if not client:
        return None
    if client == _HTTP:
        return _HTTP if func.attr in _HTTP_METHODS else None
    return None if func.attr in _LOCAL_METHODS[client] else client


