"""Python: a mutable default argument that the function changes or hands out.

    def add_item(item, cart=[]):
        cart.append(item)       # every call without `cart` shares one list: across requests, in a server
        return cart

A default is evaluated once, when `def` runs, so a list, dict or set default is one object shared by every
call that leaves the argument out. Reported: a parameter whose default is a list, dict or set (a literal,
a comprehension or `list()`/`dict()`/`set()`/`defaultdict(...)`) that the function's own body mutates
(`append`, `extend`, `insert`, `update`, `add`, `setdefault`, `pop`, `remove`, `clear`, `x[k] = ...`,
`x += ...`, `del x[k]`), returns, yields or stores on an object or in a container before assigning the
name anew. A default only read is left alone (ruff's B006 reports those too; here they are not a bug).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import functions_of, inner_blocks
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_MUTATORS = frozenset({"append", "extend", "insert", "update", "add", "setdefault", "pop", "popitem",
                       "remove", "discard", "clear", "sort", "reverse", "appendleft", "extendleft"})
_MUTABLE_CALLS = frozenset({"list", "dict", "set", "defaultdict", "collections.defaultdict", "OrderedDict",
                            "collections.OrderedDict", "deque", "collections.deque", "Counter",
                            "collections.Counter"})


_MUTABLE_VALUE = lazy_re(
    r"=\s*(?:\[|\{|(?:collections\.)?(?:list|dict|set|defaultdict|OrderedDict|deque|Counter)\()"
)
_SIGNATURE_LIMIT = 1000
"""Characters after `def ` searched for the end of its parameter list (bounds each search)."""


def _may_have_one(text: str) -> bool:
    """Whether some `def`'s parameter list (from `def ` to the `):` or `) ->` that ends it) holds a mutable
    default: a few string searches per `def`, far cheaper than a regex over the whole file."""
    at = text.find("def ")
    while at >= 0:
        limit = at + _SIGNATURE_LIMIT
        ends = [i for mark in ("):", ") ->", ")->") if (i := text.find(mark, at, limit)) >= 0]
        signature = text[at : min(ends) if ends else limit]
        if "=" in signature and _MUTABLE_VALUE.search(signature):
            return True
        at = text.find("def ", at + 4)
    return False


@register(
    CheckSpec(
        id="PY-MUTABLE-DEFAULT",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Mutable default argument changed by the function",
        explanation=(
            "A default is built once, when the `def` runs, so every call that leaves this argument out "
            "shares one list or dict: what one call (one request, in a server) adds is seen by every later "
            "one, and it grows without bound. Default to `None` and create the container inside: "
            "`def f(x=None): x = [] if x is None else x`."
        ),
    ),
    needs=("=[", "= [", "={", "= {", "list()", "dict()", "set()", "defaultdict(", "deque("),
)
def mutable_default(ctx: FileContext) -> Iterator[Hit]:
    if not _may_have_one(ctx.known_text()):
        return  # no parameter list with such a default: the file need not be parsed for this
    for flow in flows(ctx):
        for function in functions_of(flow):
            for name, default in _mutable_defaults(function.args):
                use = _changed_or_handed_out(function, name)
                if use is not None:
                    yield Hit(default.lineno + flow.offset, message=(
                        f"`{name}` defaults to one shared `{ast.unparse(default)[:30]}`, and line "
                        f"{use.lineno + flow.offset} {_verb(use)} it."))


def _mutable_defaults(args: ast.arguments) -> Iterator[tuple[str, ast.expr]]:
    positional = [*args.posonlyargs, *args.args]
    for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True):
        if _is_mutable(default):
            yield arg.arg, default
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None and _is_mutable(kw_default):
            yield arg.arg, kw_default


def _is_mutable(node: ast.expr) -> bool:
    if isinstance(node, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    return isinstance(node, ast.Call) and dotted(node.func) in _MUTABLE_CALLS


def _changed_or_handed_out(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> ast.stmt | None:
    """The first statement (in order) that mutates `name`, returns, yields or stores it, unless a new
    value is given to the name before."""
    for stmt in _statements(function.body):
        if _rebinds(stmt, name):
            return None
        found = _use(stmt, name)
        if found is not None:
            return found
    return None


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The function's statements in order, nested blocks in place, nested functions and classes not."""
    for stmt in body:
        yield stmt
        for inner in inner_blocks(stmt):
            yield from _statements(inner)


def _is_name(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _rebinds(stmt: ast.stmt, name: str) -> bool:
    if isinstance(stmt, ast.Assign):
        return any(_is_name(target, name) for target in stmt.targets)
    if isinstance(stmt, ast.AnnAssign):
        return _is_name(stmt.target, name) and stmt.value is not None
    return False


def _use(stmt: ast.stmt, name: str) -> ast.stmt | None:
    if isinstance(stmt, ast.Return) and _is_name(stmt.value, name):
        return stmt
    if isinstance(stmt, ast.AugAssign) and _is_name(stmt.target, name):
        return stmt
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Subscript) and _is_name(target.value, name):
                return stmt  # x[k] = ...
        stored = any(isinstance(t, ast.Attribute | ast.Subscript) for t in stmt.targets)
        if _is_name(stmt.value, name) and stored:
            return stmt  # self.items = x: stored where it outlives the call
    if isinstance(stmt, ast.Delete) and any(
        isinstance(t, ast.Subscript) and _is_name(t.value, name) for t in stmt.targets
    ):
        return stmt
    own = stmt.value if isinstance(stmt, ast.Expr | ast.Return | ast.Assign) else None
    if own is None and isinstance(stmt, ast.If | ast.While):
        own = stmt.test
    for node in ast.walk(own) if own is not None else ():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in _MUTATORS and _is_name(node.func.value, name):
            return stmt
        if isinstance(node, ast.Yield | ast.YieldFrom) and _is_name(node.value, name):
            return stmt
    return None


def _verb(node: ast.AST) -> str:
    if isinstance(node, ast.Return):
        return "returns"
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Yield | ast.YieldFrom):
        return "yields"
    if isinstance(node, ast.Assign) and not any(isinstance(t, ast.Subscript) for t in node.targets):
        return "stores"
    return "changes"
