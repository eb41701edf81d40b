"""SQLAlchemy: a session opened in a function and never closed.

    def reserve(sku, qty):
        session = SessionLocal()                      # checks a connection out of the pool
        level = session.scalars(select(...).with_for_update()).one()
        if level.available < qty:
            return False                               # ... the connection and the row lock stay held
        ...

A `Session` holds its pool connection (and, inside its transaction, any row locks) until it is closed;
dropped without `close()`, they wait for the garbage collector, the pool runs dry under load and other
writers block on the locks.

Reported: `name = SessionLocal()` (any `...SessionLocal`, `...session_factory`/`...SessionFactory`,
`..._sessionmaker`, or `Session(engine)`/`AsyncSession(engine)` given an engine) in a function (not a
click/typer command, whose process ends with it) that
never calls `name.close()`, never enters it (`with name`, `with name.begin()`, `closing(name)`), and does not
hand it on (returns or yields it, or stores it somewhere). The function must be known entire: the whole
file, or a hunk that shows the line after it (or ends with an added last line: the end of the file).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import ends_in_exit
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FACTORY = lazy_re(r"^(?:\w*SessionLocal|\w*[sS]ession_?[fF]actory|\w*_[sS]ession_?[mM]aker)$")
"""A session factory called for a session, without arguments (`SessionLocal()`, `self._sessionmaker()`);
SQLAlchemy's own `sessionmaker(...)` and a `create_..._sessionmaker(engine)` make a factory, not a session."""
_COMMAND = lazy_re(r"(?:^|\.)(?:command|group|callback)$")
"""`@click.command()`, `@app.command()` (typer): a one-shot command whose process ends with it."""
_SESSION_CLASS = lazy_re(r"^(?:Session|AsyncSession)$")
_OPENINGS = ("SessionLocal", "actory(", "aker(", "Session(")
"""What a call of a session factory or class shows in the text: without one, nothing is opened and the syntax
trees are not walked."""
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@register(
    CheckSpec(
        id="PY-SQLA-SESSION-UNCLOSED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="SQLAlchemy session opened and never closed",
        explanation=(
            "A session keeps its pooled connection, and inside its transaction any row locks, until it is "
            "closed. Left open, they wait for the garbage collector: the pool runs dry under load and other "
            "writers block on the locks. Open it with `with SessionLocal() as session:` (and "
            "`session.begin()` for the transaction), or close it in a `finally`."
        ),
    ),
    needs=("Session", "ession"),
)
def session_unclosed(ctx: FileContext) -> Iterator[Hit]:
    if not ctx.mentions(_OPENINGS):
        return
    seen: set[int] = set()
    for flow in flows(ctx):
        for function in ast.walk(flow.tree):
            if not isinstance(function, _FUNCTIONS):
                continue
            if _command(function) or not _known_entire(ctx, function, flow.offset):
                continue
            for name, line in _opened_sessions(function):
                if line + flow.offset in seen or _managed(function, name):
                    continue
                seen.add(line + flow.offset)
                yield Hit(line + flow.offset, message=(
                    f"`{name}` is opened here and never closed: its pooled connection (and the locks of its "
                    f"transaction) stay held until garbage collection, on every path out of "
                    f"`{function.name}`. Use `with ... as {name}:` or close it in a `finally`."))


def _own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, nested functions and classes left out."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (*_FUNCTIONS, ast.ClassDef, ast.Lambda)):
                stack.append(child)


def _opened_sessions(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[str, int]]:
    for node in _own_nodes(function):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call)):
            continue
        callee = dotted(node.value.func)
        last = callee.rsplit(".", 1)[-1]
        if callee.startswith(("requests.", "aiohttp.", "httpx.")):
            continue
        factory = _FACTORY.match(last) and not node.value.args and not last.startswith(("create", "make"))
        if factory or (_SESSION_CLASS.match(last) and _bound(node.value)):
            yield node.targets[0].id, node.lineno


def _bound(call: ast.Call) -> bool:
    """`Session(engine)`, `Session(bind=self.engine)`: a session class given the engine (the pool) it checks
    connections out of. A session on a caller's connection (`Session(bind=op.get_bind())` in a migration)
    returns nothing to a pool when closed."""
    values = [*call.args, *(keyword.value for keyword in call.keywords if keyword.arg == "bind")]
    return any("engine" in dotted(value).lower() for value in values)


def _command(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(_COMMAND.search(dotted(d.func if isinstance(d, ast.Call) else d))
               for d in function.decorator_list)


def _managed(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether `function` closes the session `name`, enters it, or hands it on."""
    for node in _own_nodes(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "close" \
                and _is(node.func.value, name):
            return True
        if isinstance(node, ast.withitem) and _mentions(node.context_expr, name):
            return True
        if isinstance(node, ast.Return | ast.Yield | ast.YieldFrom) and node.value is not None \
                and _mentions(node.value, name):
            return True
        if isinstance(node, ast.Assign) and _mentions(node.value, name) \
                and not all(isinstance(t, ast.Name) for t in node.targets):
            return True  # stored on an object or in a container
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in {"append", "add", "push", "enter_context", "callback"} \
                and any(_mentions(arg, name) for arg in node.args):
            return True
    return False


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _mentions(node: ast.AST, name: str) -> bool:
    return any(_is(inner, name) for inner in ast.walk(node) if isinstance(inner, ast.Name))


def _known_entire(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, offset: int) -> bool:
    """Whether the whole body of `function` is in view: the whole file, or the known line after its end is
    back at (or above) its `def`'s indentation, or its last line is added and the hunk ends there (a diff
    shows context after a change unless the file ends), or its body ends in a `return` or `raise`."""
    if ctx.whole_file:
        return True
    first = function.lineno + offset
    last = (function.end_lineno or function.lineno) + offset
    if first not in ctx.lines:
        # a hunk that starts inside the function its header names, and whose view of the body ends in a
        # `return` or `raise`: nothing after it runs
        return ctx.segment_start(first + 1) == first + 1 and ends_in_exit(function)
    if ends_in_exit(function):
        return True
    indent = indent_of(ctx.lines[first])
    no = last + 1
    while no in ctx.lines:
        text = ctx.lines[no]
        if text.strip():
            return indent_of(text) <= indent
        no += 1
    return no == last + 1 and last in ctx.added
