"""Python: waiting on a Celery task's result without a timeout.

    solution = solve_route.delay(route.id, stops).get()     # blocks until a worker answers, however long

`AsyncResult.get()` (and `.wait()`, and `GroupResult.join()`) blocks until the task finishes, for ever by
default: when the workers are busy, down, or the message is lost, the web worker (or the task) that waits
hangs with it, holds its database transaction and connection, and the requests queued behind it time out.
Inside a task it can also deadlock the pool (every worker waiting on tasks queued behind it), which is
why Celery refuses it there unless `disable_sync_subtasks=False`.

Reported on `.get()`/`.wait()`/`.join()` without a `timeout=` (or with `timeout=None`) called on the
result of `.delay(...)`, `.apply_async(...)`, `AsyncResult(...)` or `app.send_task(...)`, directly or
through a local name in the same function. A `timeout=` with a number, or `propagate`/`interval` with a
timeout, is fine; so is reading `result.ready()`/`result.state` without waiting.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import functions_of, own_nodes
from persona_review.checks._py_hits import hit_on
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_SENDS = frozenset({"delay", "apply_async", "send_task"})
"""Calls that queue a task and hand back its `AsyncResult`."""
_WAITS = frozenset({"get", "wait", "join", "join_native"})


@register(
    CheckSpec(
        id="PY-CELERY-RESULT-WAIT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Celery task result waited for with no timeout",
        explanation=(
            "`AsyncResult.get()` blocks until a worker finishes the task, with no limit by default: when the "
            "workers are busy or down the caller hangs with it, holding its request, transaction and "
            "connection, and inside a task it can deadlock the pool. Return the task id and let the client "
            "poll, or pass `timeout=` and handle `celery.exceptions.TimeoutError`."
        ),
    ),
    needs=(".delay(", ".apply_async(", "AsyncResult(", "send_task("),
)
def result_wait(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        scopes: list[ast.AST] = [*functions_of(flow), flow.tree]
        seen: set[int] = set()
        for scope in scopes:
            nodes = list(own_nodes(scope))  # type: ignore[arg-type]
            results = _result_names(nodes)
            for node in nodes:
                if id(node) in seen or not _unbounded_wait(node, results):
                    continue
                seen.add(id(node))
                assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                yield hit_on(node, flow.offset, (
                    f"`.{node.func.attr}()` waits on the task result from "
                    f"`{_sender(node.func.value, results)}` with no timeout: if no worker finishes it, this "
                    "call never returns."))


def _is_send(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = dotted(node.func)
    last = name.rsplit(".", 1)[-1]
    return (last in _SENDS and "." in name) or last == "AsyncResult"


def _result_names(nodes: list[ast.AST]) -> dict[str, str]:
    """Local names bound to a queued task's result (`task = solve.delay(...)`) -> the call that queued it."""
    out: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and _is_send(node.value):
            assert isinstance(node.value, ast.Call)
            out[node.targets[0].id] = dotted(node.value.func)
    return out


def _unbounded_wait(node: ast.AST, results: dict[str, str]) -> bool:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr not in _WAITS:
        return False
    target = node.func.value
    if not (_is_send(target) or (isinstance(target, ast.Name) and target.id in results)):
        return False
    if node.func.attr == "get" and node.args:
        return False  # `.get(key)`: a mapping, not a result
    timeout = next((k.value for k in node.keywords if k.arg == "timeout"), None)
    if any(k.arg is None for k in node.keywords):
        return False  # `**options` may carry one
    return timeout is None or (isinstance(timeout, ast.Constant) and timeout.value is None)


def _sender(target: ast.expr, results: dict[str, str]) -> str:
    if isinstance(target, ast.Name):
        return results.get(target.id, target.id)
    assert isinstance(target, ast.Call)
    return dotted(target.func)
