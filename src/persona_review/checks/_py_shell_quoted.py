"""Shell command text whose every spliced value is quoted for the shell (`shlex.quote`, `shlex.join`).

`PY-SHELL-INJECTION` reports a command string handed to a shell when it is not a literal. A command built
only from literals and values passed through `shlex.quote` (or `pipes.quote`, or joined with `shlex.join`)
is the documented safe way to use a shell: each value is one word, whatever it holds. This module reads
the call's command with `ast` (the data-flow parse, so hunks work too) — written in the call or assigned
to a name in the same function — and says when it is built that way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks import _pyflow
from persona_review.checks._py_functions import functions_of, own_nodes
from persona_review.checks.base import FileContext

_QUOTERS = frozenset({"shlex.quote", "pipes.quote", "shlex.join", "quote"})
"""Calls whose result is shell-quoted text (`quote` only when the file imports it from `shlex`/`pipes`)."""
_DEPTH = 6


def quoted_command_lines(ctx: FileContext) -> set[int]:
    """File lines of calls whose first argument is command text built only from literals and shell-quoted
    values (found once per file)."""
    def build() -> set[int]:
        return {line for flow in _pyflow.flows(ctx) for line in _quoted_calls(flow)}
    found: set[int] = ctx.cached("py_shell_quoted.lines", build)
    return found


def _quoted_calls(flow: _pyflow.Flow) -> Iterator[int]:
    bare_quote = _imports_quote(flow.tree)
    scopes: list[ast.Module | ast.FunctionDef | ast.AsyncFunctionDef] = [flow.tree, *functions_of(flow)]
    for scope in scopes:
        nodes = list(own_nodes(scope))
        assigned: dict[str, list[ast.expr]] = {}
        for node in nodes:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name) \
                    and node.value is not None:
                assigned.setdefault(node.target.id, []).append(node.value)
        for node in nodes:
            if isinstance(node, ast.Call) and node.args \
                    and _quoted(node.args[0], assigned, bare_quote, _DEPTH):
                yield node.lineno + flow.offset


def _quoted(node: ast.expr, assigned: dict[str, list[ast.expr]], bare_quote: bool, depth: int) -> bool:
    if depth <= 0:
        return False
    down = depth - 1
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return all(_quoted(part.value, assigned, bare_quote, down) for part in node.values
                   if isinstance(part, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return all(_quoted(side, assigned, bare_quote, down) for side in (node.left, node.right))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
        parts = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        return all(_quoted(part, assigned, bare_quote, down) for part in parts)
    if isinstance(node, ast.Name):
        values = assigned.get(node.id, [])
        return bool(values) and all(_quoted(value, assigned, bare_quote, down) for value in values)
    if isinstance(node, ast.Call):
        return _quoting_call(node, assigned, bare_quote, down)
    return False


def _quoting_call(node: ast.Call, assigned: dict[str, list[ast.expr]], bare_quote: bool, depth: int) -> bool:
    name = _pyflow.dotted(node.func)
    if name in _QUOTERS and (name != "quote" or bare_quote):
        return True
    func = node.func
    if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Constant):
        return False
    if func.attr == "join" and len(node.args) == 1:  # " ".join(shlex.quote(a) for a in args)
        items = node.args[0]
        if isinstance(items, ast.GeneratorExp | ast.ListComp):
            return _quoted(items.elt, assigned, bare_quote, depth)
        if isinstance(items, ast.List | ast.Tuple):
            return all(_quoted(item, assigned, bare_quote, depth) for item in items.elts)
        return False
    if func.attr == "format":
        return all(_quoted(arg, assigned, bare_quote, depth)
                   for arg in (*node.args, *(kw.value for kw in node.keywords)))
    return False


def _imports_quote(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module in {"shlex", "pipes"}
               and any(alias.name == "quote" and alias.asname is None for alias in node.names)
               for node in ast.walk(tree))
