"""Python: a coroutine created inside `async def` and never awaited.

    async def close_order(self, order_id):
        order = await self.repo.get(order_id)
        self.notify_customer(order)          # `async def notify_customer`: nothing is sent
        user = get_user(order.user_id)       # `async def get_user`: `user` is a coroutine
        return user.email                    # AttributeError in production

Calling an `async def` function only creates a coroutine object; its body runs when something awaits it.
Reported, in the own body of an `async def`:

- an expression statement that calls an `async def` function of the same file (`notify(x)`), an `async def`
  method through `self.`/`cls.`, `asyncio.sleep(...)`, or a coroutine method (`execute`, `commit`, `get`,
  `post`...) of a client bound by `async with ... as client` or annotated `AsyncSession`, `AsyncClient`,
  `ClientSession`, `AsyncConnection` in the function;
- a local assigned such a call whose every later use reads it as a value (an attribute, an index, a test)
  or that is never used: nothing awaits it, returns it, passes it on (`create_task`, `gather`, a list), so
  the work never happens.

- a call of an `async def` of another Python file of the same change: a function imported by name, or a
  method through a parameter annotated with an imported class, or a name or `self.` attribute built from
  one (`self.mailer = Mailer(client)`); a hunk header's `async def` counts as that file's.

Names also defined by a plain `def` in the file, decorated functions (a decorator may make them plain
functions) and async generators are left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._prefilter import lines_containing
from persona_review.checks._py_functions import own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_ASYNC_DEF = lazy_re(r"(?m)^(?P<indent>[ \t]*)async\s+def\s+(?P<name>\w+)\s*\(")
_PLAIN_DEF = lazy_re(r"(?m)^[ \t]*def\s+(?P<name>\w+)\s*\(")
_HARMLESS_DECORATORS = frozenset({"staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod",
                                  "override", "typing.override", "typing_extensions.override"})
_CLIENT_TYPES = lazy_re(r"(?:^|\.)(?:AsyncSession|AsyncClient|ClientSession|AsyncConnection|AsyncEngine)$")
_CLIENT_METHODS = frozenset({
    "execute", "executemany", "commit", "rollback", "flush", "refresh", "scalar", "scalars", "merge",
    "run_sync", "get", "post", "put", "patch", "delete", "request", "fetch", "fetchrow", "fetchval",
})
_PASSED_ON = (ast.Await, ast.Return, ast.Yield, ast.YieldFrom, ast.Call, ast.keyword, ast.List, ast.Tuple,
              ast.Set, ast.Dict, ast.Starred)


_FROM_IMPORT = lazy_re(
    r"(?m)^from[ \t]+(?P<module>\.*[\w.]*)[ \t]+import[ \t]+(?:\((?P<group>[^)]*)\)|(?P<line>[^\n]+))"
)
_ANNOTATED = lazy_re(r"(?<![\w.])(?P<name>(?:self\.)?[a-z_]\w*)\s*:\s*(?P<cls>[A-Z]\w*)\s*[=,)\n]|"
                     r"(?<![\w.])(?P<built>(?:self\.)?[a-z_]\w*)\s*=\s*(?P<made>[A-Z]\w*)\(")
"""`mailer: Mailer`, `self.mailer: Mailer`, `mailer = Mailer(client)`, `self.mailer = Mailer(client)`."""


def _imported_async(ctx: FileContext) -> dict[str, frozenset[str]]:
    """Names this file imports (`from app.mail import Mailer, send_welcome`) from another Python file of the
    change -> the `async def` names that file defines: for a function its own name is in the set, for a
    class its async methods."""
    if not ctx.change.py_async_methods:
        return {}
    out: dict[str, frozenset[str]] = {}
    directory = ctx.path.rpartition("/")[0]
    for found in _FROM_IMPORT.finditer(ctx.known_text()):
        module = found.group("module")
        dots = len(module) - len(module.lstrip("."))
        path = module.lstrip(".").replace(".", "/")
        if dots:
            base = directory.split("/") if directory else []
            base = base[: len(base) - (dots - 1)] if dots > 1 else base
            path = "/".join([*base, path]) if path else "/".join(base)
        defined = ctx.change.py_async_in(path + ".py") or ctx.change.py_async_in(path + "/__init__.py")
        if not defined:
            continue
        for part in (found.group("group") or found.group("line") or "").split("#")[0].split(","):
            words = part.split()
            if words:
                out[words[-1]] = defined
    return out


@dataclass(frozen=True, slots=True)
class _AsyncNames:
    functions: frozenset[str]
    """Module-level `async def` names (no plain `def` of the same name anywhere in the file)."""
    methods: frozenset[str]
    """Indented `async def` names (likewise)."""
    classes: dict[str, frozenset[str]] | None = None
    """Classes imported from another Python file of the change -> the `async def` methods it defines."""
    annotated: dict[str, str] | None = None
    """Names the file's known lines annotate with one of `classes` (`mailer: Mailer = Depends(...)`): a
    hunk inside a function whose header git shows from the old side still knows its new parameter."""


@register(
    CheckSpec(
        id="PY-COROUTINE-NOT-AWAITED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_PY,
        title="Coroutine called without `await`",
        explanation=(
            "Calling an `async def` function only creates a coroutine: without `await` its body never runs "
            "(the write, the notification, the commit silently does not happen; Python at most warns "
            "'coroutine ... was never awaited'), and a result used as a value is the coroutine object, "
            "not the data. Write `await f(...)`, or start it with `asyncio.create_task(...)` and keep the "
            "task."
        ),
    ),
    needs=("async def",),
)
def coroutine_not_awaited(ctx: FileContext) -> Iterator[Hit]:
    names = _async_names(ctx, _generators(ctx))
    imported = _imported_async(ctx)
    if imported:
        plain = {m.group("name") for m in _PLAIN_DEF.finditer(ctx.known_text())}
        functions = {n for n, found in imported.items() if n in found and n not in plain}
        classes = {n: found for n, found in imported.items() if n not in found}
        # only the lines naming one of the classes (the pattern is tried at every position of what it reads)
        annotated = {m.group("name") or m.group("built"): m.group("cls") or m.group("made")
                     for no in sorted(lines_containing(ctx.lines, tuple(classes)))
                     for m in _ANNOTATED.finditer(ctx.lines[no] + "\n")
                     if (m.group("cls") or m.group("made")) in classes}
        names = _AsyncNames(names.functions | functions, names.methods, classes, annotated)
    seen: set[int] = set()
    for flow in flows(ctx):
        for node in flow.nodes(ast.AsyncFunctionDef):
            for first, last, message in _unawaited(node, names):
                line = first + flow.offset
                if line in ctx.added and line not in seen:
                    seen.add(line)
                    yield Hit(line, last + flow.offset if last != first else None, message=message)


def _generators(ctx: FileContext) -> set[str]:
    """Names of the parsed `async def`s that yield: calling one makes an async generator, used with
    `async for`, not awaited."""
    return {node.name for flow in flows(ctx) for node in flow.nodes(ast.AsyncFunctionDef)
            if any(isinstance(n, ast.Yield | ast.YieldFrom) for n in own_nodes(node))}


def _async_names(ctx: FileContext, generators: set[str]) -> _AsyncNames:
    text = ctx.known_text()
    plain = {m.group("name") for m in _PLAIN_DEF.finditer(text)} | generators
    lines = text.split("\n")
    functions: set[str] = set()
    methods: set[str] = set()
    for match in _ASYNC_DEF.finditer(text):
        name = match.group("name")
        if name in plain or _decorated(lines, text.count("\n", 0, match.start())):
            continue
        (methods if match.group("indent") else functions).add(name)
    return _AsyncNames(frozenset(functions), frozenset(methods))


def _decorated(lines: list[str], index: int) -> bool:
    """Whether the `async def` on `lines[index]` has a decorator not known to keep it a coroutine
    function (a decorator's arguments may span lines: any `@` line directly above counts)."""
    at = index - 1
    while at >= 0:
        text = lines[at].strip()
        if not text or text.startswith("#"):
            at -= 1
            continue
        if not text.startswith("@"):
            # the end of a decorator call spread over lines (`)`), or no decorator
            return text == ")" or text.endswith("))")
        if text[1:].split("(", 1)[0].strip() not in _HARMLESS_DECORATORS:
            return True
        at -= 1
    return False


def _unawaited(function: ast.AsyncFunctionDef, names: _AsyncNames) -> Iterator[tuple[int, int, str]]:
    local = _local_names(function)
    clients = _client_names(function)
    typed = _typed_receivers(function, names.classes or {})
    for name, cls in (names.annotated or {}).items():
        if name not in typed and names.classes and (name not in local or _built_here(function, name, cls)):
            typed[name] = names.classes[cls]
    parents: dict[int, ast.AST] = {}
    nodes = list(own_nodes(function))
    for node in nodes:
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    for node in sorted((n for n in nodes if isinstance(n, ast.stmt)), key=lambda n: n.lineno):
        end = node.end_lineno or node.lineno
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            shown = _coroutine_call(node.value, names, local, clients) or _typed_call(node.value, typed)
            if shown:
                yield node.lineno, end, (
                    f"`{shown}(...)` returns a coroutine and nothing awaits it: the call does nothing. "
                    f"Write `await {shown}(...)`.")
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call)):
            shown = _coroutine_call(node.value, names, local - {node.targets[0].id}, clients)
            if shown and not _passed_on(node.targets[0].id, node, nodes, parents):
                target = node.targets[0].id
                yield node.lineno, end, (
                    f"`{target}` holds the coroutine `{shown}(...)` returns, not its result, and nothing "
                    f"awaits it: the call never runs and `{target}` is used as if it had. Write "
                    f"`{target} = await {shown}(...)`.")


def _coroutine_call(call: ast.Call, names: _AsyncNames, local: set[str], clients: set[str]) -> str:
    """The callee as written when `call` makes a coroutine, else ""."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id if func.id in names.functions and func.id not in local else ""
    if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name):
        return ""
    owner, attr = func.value.id, func.attr
    if owner in {"self", "cls"} and attr in names.methods:
        return f"{owner}.{attr}"
    if owner == "asyncio" and attr == "sleep":
        return "asyncio.sleep"
    if owner in clients and attr in _CLIENT_METHODS:
        return f"{owner}.{attr}"
    return ""


def _typed_receivers(
    function: ast.AsyncFunctionDef, classes: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Parameters annotated with a class imported from another file of the change -> its async methods
    (`mailer: Mailer = Depends(get_mailer)` with `async def send_template` in `app/mail.py`)."""
    if not classes:
        return {}
    args = function.args
    return {arg.arg: classes[arg.annotation.id] for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]
            if isinstance(arg.annotation, ast.Name) and arg.annotation.id in classes}


def _typed_call(call: ast.Call, typed: dict[str, frozenset[str]]) -> str:
    """`receiver.method` when `call` calls an async method of the class a name or `self.` attribute holds."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return ""
    receiver = dotted(func.value)
    if receiver in typed and func.attr in typed[receiver]:
        return f"{receiver}.{func.attr}"
    return ""


def _built_here(function: ast.AsyncFunctionDef, name: str, cls: str) -> bool:
    """Whether the function's every binding of local `name` is `name = cls(...)`."""
    values = [node.value for node in own_nodes(function) if isinstance(node, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]
    return bool(values) and all(isinstance(v, ast.Call) and dotted(v.func) == cls for v in values)


def _local_names(function: ast.AsyncFunctionDef) -> set[str]:
    """Parameters and names the function binds itself (they shadow the file's functions)."""
    args = function.args
    out = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    out.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    for node in own_nodes(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            out.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(node.name)
    return out


def _client_names(function: ast.AsyncFunctionDef) -> set[str]:
    """Names of async clients in the function: bound by `async with ... as name`, or parameters annotated
    with an async client type."""
    out: set[str] = set()
    args = function.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        if arg.annotation is not None and _CLIENT_TYPES.search(dotted(arg.annotation)):
            out.add(arg.arg)
    rebound: set[str] = set()
    for node in own_nodes(function):
        if isinstance(node, ast.AsyncWith | ast.With):
            names = {item.optional_vars.id for item in node.items if isinstance(item.optional_vars, ast.Name)}
            (out if isinstance(node, ast.AsyncWith) else rebound).update(names)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            rebound.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return out - rebound


def _passed_on(name: str, assign: ast.stmt, nodes: list[ast.AST], parents: dict[int, ast.AST]) -> bool:
    """Whether a later read of `name` awaits it, returns it or hands it to something (a call, a
    container): the coroutine may be awaited there."""
    for node in nodes:
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
            continue
        if node.lineno < assign.lineno:
            continue  # a loop may still bring it round; read as passed on only when it is
        parent = parents.get(id(node))
        if isinstance(parent, _PASSED_ON) and not (isinstance(parent, ast.Call) and parent.func is node):
            return True
    return False
