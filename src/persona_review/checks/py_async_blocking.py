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

from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_SLEEP = "sleep"
_HTTP = "http"
_PROCESS = "process"

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
}
"""Qualified name -> what it blocks on. `subprocess.Popen` is missing on purpose: starting a process
returns at once, and waiting for it (`.wait()`, `.communicate()`) is the slow part."""

_SPAWN = frozenset(f"os.spawn{suffix}" for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe"))
"""Blocking only in `P_WAIT` mode (the first argument): with `P_NOWAIT` they return the child's pid."""

SYNC_CLIENTS = frozenset({"requests.Session", "requests.session", "httpx.Client", "urllib3.PoolManager"})
"""Constructors of synchronous HTTP clients whose request methods block."""
_CLIENT_METHODS = frozenset({*_HTTP_VERBS, "send", "stream", "urlopen"})

_MODULES = frozenset(name.split(".", 1)[0] for name in (*BLOCKING, *SYNC_CLIENTS, *_SPAWN))

_ADVICE = {
    _SLEEP: "`await asyncio.sleep(...)` (or the `sleep` of the async library in use)",
    _HTTP: "an async client (`httpx.AsyncClient`, `aiohttp`), or `await asyncio.to_thread(...)` around it",
    _PROCESS: "`await asyncio.create_subprocess_exec(...)`, or `await asyncio.to_thread(...)` around it",
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
        names = _imported_names(flow.tree)
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
    """Calls that run on the loop when `function` runs."""
    for node in _own_nodes(function):
        if isinstance(node, ast.Call):
            yield node


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> qualified name, for imports of the modules this check knows (anywhere in the file)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname is not None:
                    out[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                out[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return out


def _qualified(node: ast.expr, names: dict[str, str]) -> str:
    """The dotted name of `node` with its first part read through the imports, or "" when that first part is
    neither imported nor one of the known modules (a local `sleep` or `run` is none of ours)."""
    written = dotted(node)
    if not written or "()" in written:
        return ""
    head, dot, rest = written.partition(".")
    if head in names:
        return names[head] + dot + rest
    return written if head in _MODULES and dot else ""


def _bindings(nodes: Iterable[ast.AST], names: dict[str, str]) -> list[tuple[int, str, bool]]:
    """(line, bound name, whether it is a new synchronous HTTP client) for each binding among `nodes`."""
    out: list[tuple[int, str, bool]] = []
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
            typed = node.annotation is not None and _names_client_type(node.annotation, names)
            out.append((getattr(node, "lineno", 0), node.arg, typed))
        for target, value in bound:
            name = dotted(target)
            if name:
                sync = (value is not None and _makes_client(value, names)) or (
                    isinstance(node, ast.AnnAssign) and _names_client_type(node.annotation, names))
                out.append((getattr(node, "lineno", getattr(target, "lineno", 0)), name, sync))
    return out


def _file_clients(tree: ast.Module, names: dict[str, str]) -> set[str]:
    """Module-level names and `self.` attributes the file binds to a new synchronous HTTP client, and to
    nothing else (one also bound to something else may hold either when the call runs). A function's own
    names are its own business (see `_is_client`)."""
    made: set[str] = set()
    other: set[str] = set()
    module_level = _outside_functions(tree)
    attributes = (n for n in ast.walk(tree) if isinstance(n, ast.Assign | ast.AnnAssign | ast.With)
                  and any(dotted(t).startswith("self.") for t in _targets(n)))
    for _line, name, sync in _bindings([*module_level, *attributes], names):
        (made if sync else other).add(name)
    return made - other


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


def _is_client(receiver: str, line: int, local: list[tuple[int, str, bool]], clients: set[str]) -> bool:
    """Whether `receiver` holds a synchronous client at `line`: by the function's own latest binding of it
    before that line when it has one, else by the file's."""
    before = [(at, sync) for at, name, sync in local if name == receiver and at <= line]
    if before:
        return max(before)[1]
    if any(name == receiver for _at, name, _sync in local):
        return False  # bound only after the call in this function: what it holds here is unknown
    return receiver in clients


def _names_client_type(annotation: ast.expr, names: dict[str, str]) -> bool:
    """An annotation that names a synchronous client class (`client: httpx.Client`)."""
    return _qualified(annotation, names) in SYNC_CLIENTS


def _makes_client(value: ast.expr, names: dict[str, str]) -> bool:
    return isinstance(value, ast.Call) and _qualified(value.func, names) in SYNC_CLIENTS


def _blocking_kind(call: ast.Call, names: dict[str, str], clients: set[str],
                   local: list[tuple[int, str, bool]]) -> str | None:
    name = _qualified(call.func, names)
    kind = BLOCKING.get(name)
    if kind == _SLEEP and _sleeps_zero(call):
        return None
    if kind is not None:
        return kind
    if name in _SPAWN:
        return _PROCESS if _waits(call) else None
    func = call.func
    receiver = func.value if isinstance(func, ast.Attribute) and func.attr in _CLIENT_METHODS else None
    if receiver is not None and (_makes_client(receiver, names)
                                 or _is_client(dotted(receiver), call.lineno, local, clients)):
        return _HTTP
    return None


