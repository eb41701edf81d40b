"""A Python view that stops the whole worker process: `sys.exit()`/`os._exit()` while serving a request."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_ROUTE = lazy_re(r"(?:^|\.)(?:route|get|post|put|patch|delete|api_route|websocket|api_view|action)$")
_EXITS = frozenset({"sys.exit", "os._exit", "exit", "quit", "os.abort"})
_REQUEST_PARAMS = frozenset({"request", "req"})


def _is_view(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Registered as a route (Flask, FastAPI, DRF decorators), or a Django-style view taking `request`
    first (a method's `self` aside)."""
    for deco in node.decorator_list:
        if _ROUTE.search(dotted(deco.func if isinstance(deco, ast.Call) else deco)):
            return True
    params = [a.arg for a in node.args.args]
    if params[:1] in (["self"], ["cls"]):
        params = params[1:]
    return bool(params) and params[0] in _REQUEST_PARAMS


@register(
    CheckSpec(
        id="PY-EXIT-IN-VIEW",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_PY,
        title="Request handler stops the worker process",
        explanation=(
            "`sys.exit()` in a view raises `SystemExit`, which the framework does not turn into an error "
            "response: the worker process dies with every request it was serving, and any client that can "
            "reach this branch can keep restarting the service. Raise an HTTP error (or return a 5xx) and "
            "log why."
        ),
    ),
    needs=("exit(", "quit(", "abort("),
)
def exit_in_view(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for node in functions:
            if not _is_view(node):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and dotted(inner.func) in _EXITS:
                    line = inner.lineno + flow.offset
                    if line not in seen:
                        seen.add(line)
                        yield Hit(line, (inner.end_lineno or inner.lineno) + flow.offset)
