"""Python child processes a server starts and loses: never reaped, or run with no time limit by a view or
a background task.

- **PY-PROCESS-NOT-REAPED**: `subprocess.Popen(...)` (or `await asyncio.create_subprocess_exec/shell(...)`)
  whose object the function never waits for (`wait`, `communicate`, `poll`, a `with` block) and neither
  returns, stores nor hands to another call; or a `Popen(...)` whose result is thrown away. The exited
  child is a zombie until something reaps it, its pipes stay open, and its exit status is never seen.
- **PY-SUBPROCESS-NO-TIMEOUT**: `subprocess.run/call/check_call/check_output(...)` without `timeout=`
  inside a web view (a route decorator, a Django view taking `request`) or a Celery/RQ/Dramatiq task: a
  hung tool pins that worker for ever, and each retry pins another.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import Function, functions_of, own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_WAITS = frozenset({"wait", "communicate", "poll", "terminate", "kill", "send_signal"})
"""Methods that show the function manages the child's life (stopping it counts: its caller's design)."""
_ASYNC_MAKERS = frozenset({"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
                           "create_subprocess_exec", "create_subprocess_shell"})


_DETACHED = frozenset({"start_new_session", "preexec_fn", "creationflags", "process_group"})
"""Keywords that detach the child from the server on purpose: a daemon, not a forgotten child."""


def _is_popen(call: ast.expr) -> bool:
    if isinstance(call, ast.Await):
        call = call.value
        made = isinstance(call, ast.Call) and dotted(call.func) in _ASYNC_MAKERS
    else:
        made = isinstance(call, ast.Call) and dotted(call.func).rsplit(".", 1)[-1] == "Popen"
    return made and isinstance(call, ast.Call) and not any(k.arg in _DETACHED for k in call.keywords)


def _uses(function: Function, name: str) -> bool:
    """Whether `name` is waited for, used as a context manager, or leaves the function's hands (returned,
    yielded, stored on a field or in a container, passed to a call, aliased)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            if node.attr in _WAITS:
                return True
        elif isinstance(node, ast.withitem) and isinstance(node.context_expr, ast.Name):
            if node.context_expr.id == name:
                return True
        elif isinstance(node, ast.Return | ast.Yield | ast.YieldFrom) and node.value is not None:
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value)):
                return True
        elif isinstance(node, ast.Call):
            values = [*node.args, *(k.value for k in node.keywords)]
            if any(_names(v, name) for v in values):
                return True
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            if isinstance(node.value, ast.Name) and node.value.id == name:
                return True
            if isinstance(node.value, ast.Tuple | ast.List | ast.Dict | ast.Set) and any(
                    isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value)):
                return True
        elif isinstance(node, ast.Global | ast.Nonlocal) and name in node.names:
            return True
    return False


def _names(value: ast.expr, name: str) -> bool:
    """`name` itself or one of its methods (`atexit.register(proc.terminate)`)."""
    if isinstance(value, ast.Attribute):
        value = value.value
    return isinstance(value, ast.Name) and value.id == name


def _in_view(ctx: FileContext, function: Function, offset: int) -> bool:
    """The whole function is in the known lines: the whole file, or a hunk whose next line after the
    function is back at (or left of) its `def`. A function cut by the hunk may wait for its child below."""
    if ctx.whole_file:
        return True
    head = ctx.lines.get(function.lineno + offset, "")
    indent = len(head) - len(head.lstrip())
    no = (function.end_lineno or function.lineno) + offset + 1
    while no in ctx.lines:
        text = ctx.lines[no]
        if text.strip():
            return len(text) - len(text.lstrip()) <= indent
        no += 1
    return False


@register(
    CheckSpec(
        id="PY-PROCESS-NOT-REAPED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Child process started and never waited for",
        explanation=(
            "A `Popen` nobody waits for leaves the exited child as a zombie and its pipes open; a server "
            "or worker that does it per request or job fills the process table or runs out of file "
            "descriptors, and a failed command goes unseen because its exit status is never read. Use "
            "`subprocess.run(...)`, or `with Popen(...) as proc:` / `proc.communicate(timeout=...)`."
        ),
    ),
    needs=("Popen(", "create_subprocess_"),
)
def process_not_reaped(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        for function in functions_of(flow):
            if not _in_view(ctx, function, flow.offset):
                continue
            for node in own_nodes(function):
                if isinstance(node, ast.Expr) and _is_popen(node.value):
                    name = None
                elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                      and isinstance(node.targets[0], ast.Name) and _is_popen(node.value)):
                    name = node.targets[0].id
                else:
                    continue
                if name is not None and _uses(function, name):
                    continue
                line = node.lineno + flow.offset
                if line in seen:
                    continue
                seen.add(line)
                what = "its result is thrown away" if name is None else f"`{name}` is never waited for"
                made = node.value
                if isinstance(made, ast.Await):
                    made = made.value
                callee = dotted(made.func) if isinstance(made, ast.Call) else "Popen"
                yield Hit(line, (node.end_lineno or node.lineno) + flow.offset, message=(
                    f"`{callee}(...)` starts a child process that is never reaped ({what}): its exit "
                    "status (its failure) is never read, its pipes stay open until garbage collection, "
                    "and once it exits it lingers as "
                    "a zombie until something happens to reap it. Use `subprocess.run(..., timeout=...)`, "
                    "or wait for it (`communicate`, `wait`, `with Popen(...)`)."))


_RUNNERS = frozenset({"run", "call", "check_call", "check_output"})
_ROUTE = lazy_re(r"(?:^|\.)(?:route|get|post|put|patch|delete|api_route|api_view|action)$")
_TASK = lazy_re(r"(?:^|\.)(?:shared_task|task|job|actor|periodic_task)$")
_REQUEST_PARAMS = frozenset({"request", "req"})


def _kind(function: Function) -> str | None:
    """"view" (route decorators, a Django view taking `request`), "task" (Celery, RQ, Dramatiq), or None."""
    for deco in function.decorator_list:
        name = dotted(deco.func if isinstance(deco, ast.Call) else deco)
        if _ROUTE.search(name):
            return "view"
        if _TASK.search(name):
            return "task"
    params = [a.arg for a in function.args.args]
    if params[:1] in (["self"], ["cls"]):
        params = params[1:]
    return "view" if params and params[0] in _REQUEST_PARAMS else None


def _shell_built(call: ast.Call) -> bool:
    """`shell=True` on a command that is not a literal: PY-SHELL-INJECTION's line, whose fix (an argument
    list) rewrites this call; a second finding on it would only dilute that one."""
    shell = any(k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in call.keywords)
    first = call.args[0] if call.args else None
    return shell and not (isinstance(first, ast.Constant) and isinstance(first.value, str))


def _invoke_tasks(tree: ast.Module) -> bool:
    """The file defines `invoke`/`fabric` tasks: developer commands run by hand, not server work."""
    return any(isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"invoke", "fabric"}
               for node in tree.body)


def _subprocess_names(tree: ast.Module) -> set[str]:
    """Names the file imports from `subprocess` (`from subprocess import run`)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "subprocess":
            out.update(alias.asname or alias.name for alias in node.names if alias.name in _RUNNERS)
    return out


@register(
    CheckSpec(
        id="PY-SUBPROCESS-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Command run by a view or background task without a timeout",
        explanation=(
            "`subprocess.run` and friends wait for ever by default: a tool that hangs (a stuck network "
            "mount, a prompt for input, a pathological file) holds the web worker or task worker that "
            "called it, and every retry of the request or job takes another, until none is left. Pass "
            "`timeout=` and handle `subprocess.TimeoutExpired`."
        ),
    ),
    needs=("subprocess",),
)
def subprocess_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        if _invoke_tasks(flow.tree):
            continue
        imported = _subprocess_names(flow.tree)
        from_request = {id(site.call) for site in flow.calls if any(
            v is not None and v.tainted for v in (*site.args, *site.heads))}
        for function in functions_of(flow):
            kind = _kind(function)
            if kind is None:
                continue
            for node in own_nodes(function):
                if not isinstance(node, ast.Call):
                    continue
                callee = dotted(node.func)
                if not (callee in imported or (
                        callee.startswith(("subprocess.", "sp.")) and callee.split(".", 1)[1] in _RUNNERS)):
                    continue
                if any(k.arg in {"timeout", None} for k in node.keywords):
                    continue  # a timeout, or `**options` that may hold one
                if _shell_built(node) or id(node) in from_request:
                    continue  # a command built from data: the injection finding on this line comes first
                line = node.lineno + flow.offset
                if line in seen:
                    continue
                seen.add(line)
                where = "web view" if kind == "view" else "background task"
                yield Hit(line, (node.end_lineno or node.lineno) + flow.offset, message=(
                    f"`{callee}(...)` in this {where} has no `timeout=`: if the command hangs, this worker "
                    "waits for ever and each retry takes another one. Pass `timeout=` and handle "
                    "`subprocess.TimeoutExpired`."))
