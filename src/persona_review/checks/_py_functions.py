"""The functions of a parsed Python file, the nodes that belong to one function's own body, and the
statement lists nested in a statement: what the checks that judge a function as a whole
(`py_http_status`, `py_mass_assignment`, `py_mutable_default`, `py_except_logged`, `py_async_tasks`)
read the same way."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterable, Iterator

from persona_review.checks._pyflow import Flow, dotted

Function = ast.FunctionDef | ast.AsyncFunctionDef


def functions_of(flow: Flow) -> list[Function]:
    """Every `def` and `async def` of the parsed code, nested ones included."""
    return [*flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]


def own_nodes(function: Function | ast.Module) -> Iterator[ast.AST]:
    """The nodes of the function's body (or the module's own statements), not those of functions, classes
    or lambdas nested in it (they run at another time, if at all). In no particular order. Found once per
    function for the several checks that walk the same one (kept for the last few, keyed by identity and
    holding the node alive, as `_pyflow.flows` keeps its parses)."""
    key = id(function)
    kept = _OWN.get(key)
    if kept is None or kept[0] is not function:
        kept = (function, _own_nodes(function))
        if len(_OWN) >= _OWN_SIZE:
            _OWN.pop(next(iter(_OWN)))
        _OWN[key] = kept
    return iter(kept[1])


_OWN: dict[int, tuple[ast.AST, list[ast.AST]]] = {}
_OWN_SIZE = 256
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _own_nodes(function: Function | ast.Module) -> list[ast.AST]:
    """`own_nodes`, walked: the order of a stack fed with each node's children as `ast.iter_child_nodes`
    gives them (its two generators cost more than the walk itself)."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = list(function.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, _NESTED):
            continue
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                todo.append(value)
            elif isinstance(value, list):
                todo.extend([item for item in value if isinstance(item, ast.AST)])
    return out


def ends_in_exit(function: Function) -> bool:
    """Whether the last statement of the function's body is a `return` or a `raise`: whatever follows it in
    the function's text never runs, so the body seen so far is all that runs."""
    return bool(function.body) and isinstance(function.body[-1], ast.Return | ast.Raise)


def inner_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested in `stmt` (its body, `else`, `finally`, handlers and `case` arms); none
    for a nested function or class, whose body runs at another time, if at all."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return
    for field in ("body", "orelse", "finalbody"):
        inner = getattr(stmt, field, None)
        if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
            yield inner
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    for case in getattr(stmt, "cases", ()):
        yield case.body


def caught_names(handler: ast.ExceptHandler) -> set[str]:
    """The last parts of the exception names an `except` clause catches (`ObjectDoesNotExist` for
    `django.core.exceptions.ObjectDoesNotExist`); `BaseException` for a bare `except:`."""
    if handler.type is None:
        return {"BaseException"}
    items = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {(dotted(item) or "").rsplit(".", 1)[-1] for item in items}


def try_guarded_lines(nodes: Iterable[ast.AST], catching: Collection[str]) -> set[int]:
    """The lines of the bodies of the `try` statements among `nodes` one of whose handlers catches a name
    in `catching`: what a failure raised there would be caught by."""
    lines: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.Try | ast.TryStar) and any(
            caught_names(handler) & set(catching) for handler in node.handlers
        ):
            for stmt in node.body:
                lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return lines
