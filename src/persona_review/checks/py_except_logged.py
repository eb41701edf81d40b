"""Python: an exception only logged, after which the code uses what the failed `try` was to assign.

    try:
        resp = client.get(url, timeout=5)
    except requests.RequestException as exc:
        log.warning("fetch failed: %s", exc)
    data = resp.json()      # UnboundLocalError on the first failed request

Reported, on parsed code (`_pyflow.flows`): a `try` without `else` whose body assigns a name, with a handler
whose body only logs (or prints), or only passes, and so falls through, followed in the same block by a
statement that uses the name before giving it a new value or testing it. Where the function gives the name
no value before the `try` (it is unbound after a failure), any use counts; where it starts as `None`, only
reaching into it (`x.attr`, `x[i]`, `x()`, `for _ in x`) after a handler that logs (after one that
passes, `None` is the fallback the code chose); any other earlier value is a deliberate fallback and is
left alone.
Only `try` statements inside a function the parse holds from its `def` are read: in a hunk cut off above
the `def`, an earlier value may be out of sight.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from persona_review.checks._py_functions import functions_of, inner_blocks
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOGGER = lazy_re(
    r"^(?:print|(?:[\w.]*\.)?(?:log|logger|logging|_log|_logger|LOG|LOGGER|log_?\w*|\w*_log(?:ger)?)\."
    r"(?:debug|info|warning|warn|error|exception|critical|log|msg))$"
)
_LOOKAHEAD_STATEMENTS = 12
_LOGGING_START = lazy_re(r"\s*(?:print\(|[\w.]*(?:log|LOG)\w*\.\w+\()")
_PASSING_START = lazy_re(r"\s*(?:pass\b|\.\.\.)")
_TYPED_EXCEPT = lazy_re(r"\bexcept\s*\(?\s*(?!(?:Exception|BaseException)\b)[A-Za-z_]")
"""An `except` naming what it catches, other than a catch-all (one that passes is PY-EXCEPT-PASS's)."""


def _may_have_one(text: str) -> bool:
    """Whether some `except ...:` line is followed by a logging call or `print` (blank and comment lines
    skipped): the text a handler that only logs starts with. String searches, then a small match per
    handler."""
    at = text.find("except")
    while at >= 0:
        line_end = text.find("\n", at)
        if line_end < 0:
            return False
        if text[at:line_end].rstrip().endswith(":"):
            following = [line for line in text[line_end + 1 : line_end + 400].split("\n")
                         if line.strip() and not line.lstrip().startswith("#")]
            if following and (_LOGGING_START.match(following[0]) or (
                    _PASSING_START.match(following[0]) and _TYPED_EXCEPT.search(text, at, line_end))):
                return True
        at = text.find("except", line_end)
    return False


@register(
    CheckSpec(
        id="PY-EXCEPT-LOGGED-CONTINUES",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Exception only logged; a value the `try` did not assign is used after it",
        explanation=(
            "When the `try` body fails before its assignment, the name keeps no value (or `None`), and the "
            "handler only logs and lets the code fall through: the next use raises `UnboundLocalError` or "
            "`AttributeError` far from the real failure, or works on missing data. Return, re-raise or "
            "`continue` in the handler, give the name a real fallback there, or move the code that needs it "
            "into the `try`'s `else:`."
        ),
    ),
    needs=("except",),
)
def except_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    if not _may_have_one(ctx.known_text()):
        return  # no handler whose first statement logs: nothing to parse for
    for flow in flows(ctx):
        tries = [node for node in flow.nodes(ast.Try)
                 if not node.orelse and any(_only_logs(h.body) or _passes(h) for h in node.handlers)]
        if not tries:
            continue  # most files: no handler that only logs
        lines = {node.lineno for node in tries}
        for function in functions_of(flow):
            if any(function.lineno < line <= (function.end_lineno or function.lineno) for line in lines):
                yield from _in_function(function, flow.offset)


def _in_function(function: ast.FunctionDef | ast.AsyncFunctionDef, offset: int) -> Iterator[Hit]:
    params = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
    for block, in_loop in _blocks(function.body, False):
        for index, stmt in enumerate(block):
            if not isinstance(stmt, ast.Try) or stmt.orelse:
                continue
            handler = next((h for h in stmt.handlers if _only_logs(h.body) or _passes(h)), None)
            if handler is None:
                continue
            passes = _passes(handler)
            assigned = _assigned_names(stmt.body) - params
            if not assigned:
                continue
            after, earlier = block[index + 1 :][:_LOOKAHEAD_STATEMENTS], _earlier(block[:index])
            found = _first_use(after, assigned, earlier)
            if found is not None and passes:  # only now (rarely) read the whole function for earlier values
                assigned -= _bound_before(function, stmt.lineno)
                found = _first_use(after, assigned, earlier) if assigned else None
            if found is None:
                continue
            name, node, unbound = found
            if passes and not unbound:
                continue  # `x = None`, then `except ...: pass`: None is the fallback the code chose
            state = "unbound (`UnboundLocalError`)" if unbound else "still `None`"
            if in_loop and unbound:
                state = "unbound, or left from an earlier pass of the loop,"
            caught = ast.unparse(handler.type) if handler.type is not None else "everything"
            yield Hit(
                handler.lineno + offset,
                message=(
                    f"`except {caught}` {'passes' if passes else 'only logs'} and falls through, and line "
                    f"{node.lineno + offset} uses "
                    f"`{name}`, which is {state} when the `try` failed before assigning it."
                ),
            )


def _blocks(body: list[ast.stmt], in_loop: bool) -> Iterator[tuple[list[ast.stmt], bool]]:
    """Every statement list of a function (and whether a loop runs it again), nested blocks included,
    nested functions and classes not."""
    yield body, in_loop
    for stmt in body:
        loop = in_loop or isinstance(stmt, ast.For | ast.AsyncFor | ast.While)
        for inner in inner_blocks(stmt):
            yield from _blocks(inner, loop)


def _passes(handler: ast.ExceptHandler) -> bool:
    """The handler names what it catches (not a catch-all: PY-EXCEPT-PASS reports those) and does nothing at
    all (`pass` or `...`)."""
    if handler.type is None or dotted(handler.type).rsplit(".", 1)[-1] in ("Exception", "BaseException"):
        return False
    body = handler.body
    return all(isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(
        stmt.value, ast.Constant) and stmt.value.value is Ellipsis) for stmt in body)


def _only_logs(body: Sequence[ast.stmt]) -> bool:
    """The handler logs (at least once) and does nothing else: no raise, return, assignment or other call."""
    logged = False
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and _LOGGER.match(dotted(call.func)):
            logged = True
            continue
        return False
    return logged


def _assigned_names(body: Sequence[ast.stmt]) -> set[str]:
    """Names the `try` body's own statements bind (not those of nested blocks, which may not run anyway)."""
    names: set[str] = set()
    for stmt in body:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = list(stmt.targets)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets = [stmt.target]
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            targets = [item.optional_vars for item in stmt.items if item.optional_vars is not None]
            names |= _assigned_names(stmt.body)
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _earlier(before: Sequence[ast.stmt]) -> dict[str, bool]:
    """Names the statements before the `try` bind: True when the last value is the literal `None`."""
    values: dict[str, bool] = {}
    for stmt in before:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Assign):
                is_none = isinstance(node.value, ast.Constant) and node.value.value is None
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            values[name.id] = is_none
            elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.With | ast.NamedExpr):
                target_nodes = [node.target] if not isinstance(node, ast.With) else [
                    item.optional_vars for item in node.items if item.optional_vars is not None]
                for target in target_nodes:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            values[name.id] = False
            elif isinstance(node, ast.Global | ast.Nonlocal):
                values.update(dict.fromkeys(node.names, False))
    return values


def _first_use(
    after: Sequence[ast.stmt], assigned: set[str], earlier: dict[str, bool]
) -> _Use | None:
    """(name, the node that uses it, whether it is unbound) for the first use, in the statements after the
    `try`, of an assigned name in a way that fails after a failed `try`."""
    live = {name for name in assigned if earlier.get(name, True)}
    return _scan(after, live, earlier)


_Use = tuple[str, ast.Name, bool]
"""The name, where it is read, and whether it is unbound there."""


def _scan(stmts: Sequence[ast.stmt], live: set[str], earlier: dict[str, bool]) -> _Use | None:
    """Statements in order: a use of a live name is the answer; a test of one, or a new value, ends it.
    Nested blocks are read in order too, each with what is live when it starts."""
    for stmt in stmts:
        if not live:
            return None
        if isinstance(stmt, ast.If | ast.While | ast.Assert) and _tested(stmt.test) & live:
            live = live - _tested(stmt.test)
        headers = _headers(stmt)
        if headers is None:  # a simple statement: what it reads, then what it binds
            found = _use_in(stmt, stmt, live, earlier)
            if found is not None:
                return found
        else:
            for header in headers:
                found = _use_in(header, stmt, live, earlier)
                if found is not None:
                    return found
            bound = _header_targets(stmt)  # `with open(p) as f:` / `for x in xs:` bind before the block runs
            for inner in inner_blocks(stmt):
                found = _scan(inner, set(live) - bound, earlier)
                if found is not None:
                    return found
        live = live - _stored(stmt)
        if isinstance(stmt, ast.Return | ast.Raise | ast.Continue | ast.Break):
            return None
    return None


def _header_targets(stmt: ast.stmt) -> set[str]:
    """Names a compound statement's header binds for its blocks: `with ... as x`, `for x in ...`."""
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.With | ast.AsyncWith):
        targets = [item.optional_vars for item in stmt.items if item.optional_vars is not None]
    elif isinstance(stmt, ast.For | ast.AsyncFor):
        targets = [stmt.target]
    return {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}


def _bound_before(function: ast.FunctionDef | ast.AsyncFunctionDef, line: int) -> set[str]:
    """Every name the function binds on a line before `line`, in any block (an enclosing `except ... as e`
    included): after a handler that passes, such a name may hold a value from there."""
    names: set[str] = set()
    for node in ast.walk(function):
        if getattr(node, "lineno", line) >= line:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _stored(stmt: ast.stmt) -> set[str]:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _headers(stmt: ast.stmt) -> list[ast.AST] | None:
    """The expressions a compound statement evaluates before its blocks; None for a simple statement."""
    if isinstance(stmt, ast.If | ast.While):
        return [stmt.test]
    if isinstance(stmt, ast.For | ast.AsyncFor):
        return [stmt.iter]
    if isinstance(stmt, ast.With | ast.AsyncWith):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, ast.Match):
        return [stmt.subject]
    if isinstance(stmt, ast.Try | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return []
    return None


def _use_in(
    tree: ast.AST, stmt: ast.AST, live: set[str], earlier: dict[str, bool]
) -> _Use | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in live and isinstance(node.ctx, ast.Load):
            unbound = node.id not in earlier
            if unbound or _reached_into(tree, node):
                return node.id, node, unbound
    return None


def _tested(test: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}


def _reached_into(stmt: ast.AST, name: ast.Name) -> bool:
    """Whether `name` is the object of an attribute, subscript or call, or what a `for` iterates."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.Attribute | ast.Subscript) and node.value is name:
            return True
        if isinstance(node, ast.Call) and node.func is name:
            return True
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension) and node.iter is name:
            return True
    return False
