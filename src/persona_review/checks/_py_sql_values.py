"""Whether the values spliced into a Python SQL string are fixed by the code, not by whoever calls it.

`PY-SQL-STRING` sees text built with an f-string, `%`, `.format` or `+`. Much of that text is safe: the
spliced value is a literal or a module constant, a table name the code itself defines (`_meta.db_table`,
`__tablename__`, a class attribute set to a literal), a placeholder list (`", ".join(["%s"] * len(ids))`),
a number, a quoted identifier (`quote_name`, `sql.Identifier`), or a name checked against an allow-list
before use (`if column not in ALLOWED: raise ...`). This module reads the statement and its function with
`ast` (through the data-flow parse, so hunks work too) and says when every spliced value is one of those.
A value it cannot see (a parameter, a name defined outside the hunk, any other call) is not fixed: the
finding stays.
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from functools import partial
from itertools import pairwise

from persona_review.checks import _pyflow
from persona_review.checks.base import FileContext

_CODE_NAMES = frozenset({"db_table", "__tablename__", "__name__", "_meta"})
"""Attributes that are always names the code defines (Django's and SQLAlchemy's table names)."""
_TABLE_ATTRS = frozenset(
    {"table_name", "tablename", "_table", "table", "model_name", "schema", "schema_name"}
)
"""Attributes that name a table when read from the code's own objects (`self`, `cls`, a class, a model)."""
_QUOTERS = frozenset({"quote_name", "quote_ident", "quote_identifier", "Identifier", "Literal", "Placeholder",
                      "quote", "escape_identifier", "int", "float", "len", "bool", "uuid4", "UUID"})
_COMPOSERS = frozenset({"SQL"})
"""psycopg's `sql.SQL(template)`: its `.format(...)` merges only composable parts (an identifier, a literal,
a placeholder, another `SQL`) and refuses plain strings, so the parts are what is judged."""
_REQUESTS = frozenset({"request", "req", "self.request"})
_DB_HANDLES = frozenset({"db", "database", "conn", "connection", "engine", "dialect"})
"""Names a module or function gives its database handle: what the handle says of itself (`db.big_int`,
`db.timestamp_placeholder("now")`) is SQL for its own dialect, written by the code."""
_DATA_READS = ("get", "fetch", "select", "query", "find", "read", "load", "execute", "run", "scalar", "one",
               "first", "all")
"""Method-name starts of a handle's calls that return stored data (which may hold anyone's text)."""
_PASS_THROUGH = frozenset({"str", "upper", "lower", "strip", "format_map"})
_DEPTH = 6


def spliced_values_fixed(ctx: FileContext, first: int) -> bool:
    """Whether the statement that starts on file line `first` splices only values the code fixes (and
    splices at least one: a statement that cannot be read is not judged safe)."""
    for index, flow in enumerate(_pyflow.flows(ctx)):
        top = ctx.cached(f"py_sql_values.top.{index}", partial(_top_level_lines, flow.tree))
        found = _statement_at(flow.tree, first - flow.offset, top)
        if found is None:
            continue
        stmt, scope, function = found
        # Read (once per file) only when a `self.`/`cls.` attribute is judged: most statements have none.
        classes = partial(ctx.cached, f"py_sql_values.classes.{index}", partial(_class_constants, flow.tree))
        helpers = partial(ctx.cached, f"py_sql_values.helpers.{index}", partial(_module_functions, flow.tree))
        spliced = list(_spliced(stmt))
        if not spliced:
            return False
        typed: set[str] = set()
        if function is not None:
            choices = ctx.cached(f"py_sql_values.choices.{index}", partial(_pyflow.choice_classes, flow.tree))
            typed = _pyflow.typed_params(function, choices)
        judge = _Judge(scope, classes, stmt.lineno, helpers, typed)
        return all(judge.fixed(expr, _DEPTH) for expr in spliced)
    return False


_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
             ast.With, ast.AsyncWith, ast.Try, ast.Match)


def _class_constants(tree: ast.Module) -> dict[str, dict[str, ast.expr]]:
    """The class-level assignments of every class in the tree (read once per file)."""
    return {
        node.name: {target.id: item.value for item in node.body if isinstance(item, ast.Assign)
                    for target in item.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    }


_Function = ast.FunctionDef | ast.AsyncFunctionDef


def _module_functions(tree: ast.Module) -> dict[str, _Function]:
    """The module's own functions by name (read once per file): a call of one of them gives what its
    `return`s give."""
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def _returns(function: _Function) -> list[ast.Return]:
    """The `return` statements of the function's own body (not of functions nested in it)."""
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))
    return found


_TopLines = tuple[list[int], list[int]] | None
"""The first and last lines of the module's statements, in order (None when they are not sorted)."""


def _top_level_lines(tree: ast.Module) -> _TopLines:
    firsts = [stmt.lineno for stmt in tree.body]
    lasts = [stmt.end_lineno or stmt.lineno for stmt in tree.body]
    if any(a > b for a, b in pairwise(firsts)) or any(a > b for a, b in pairwise(lasts)):
        return None
    return firsts, lasts


def _statement_at(
    tree: ast.Module, first: int, top: _TopLines = None
) -> tuple[ast.stmt, list[ast.stmt], _Function | None] | None:
    """The innermost simple statement covering line `first`, the body of the function around it (or
    the module's), and that function. `top` is `_top_level_lines(tree)`, when known."""
    function: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    stmt: ast.stmt | None = None
    for node in _statements_over(tree, first, top):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if function is None or node.lineno >= function.lineno:
                function = node
        elif not isinstance(node, _COMPOUND) and (stmt is None or node.lineno >= stmt.lineno):
            stmt = node
    if stmt is None:
        return None
    return stmt, function.body if function is not None else tree.body, function


_HOLDERS = (ast.stmt, ast.excepthandler, ast.match_case)
"""What can hold a statement: a statement itself, an `except` clause, a `case` of a `match`."""


def _statements_over(tree: ast.Module, first: int, top: _TopLines = None) -> Iterator[ast.stmt]:
    """The statements whose lines cover line `first`, in the order `ast.walk` gives them (breadth first).
    Statements sit only in the bodies of statements, `except` clauses and `case`s, and a statement covers
    every statement inside it: only those holders that cover the line are opened, so a file's many hits
    each cost the depth of the tree, not a walk of all of it. With `top`, the module's statements that
    cover the line are found by bisection (a module of many functions is not read through per hit)."""
    todo: deque[ast.AST] = deque()
    if top is None:
        todo.append(tree)
    else:
        firsts, lasts = top
        for statement in tree.body[bisect_left(lasts, first) : bisect_right(firsts, first)]:
            yield statement
            todo.append(statement)
    while todo:
        node = todo.popleft()
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, _HOLDERS):
                continue
            start = getattr(child, "lineno", None)  # a `case` has no lines of its own
            if start is not None and not start <= first <= (getattr(child, "end_lineno", None) or start):
                continue
            if isinstance(child, ast.stmt):
                yield child
            todo.append(child)


_BINDING_RUNNERS = frozenset({"execute", "executemany", "exec_driver_sql", "raw", "read_sql",
                              "read_sql_query", "fetch", "fetchrow", "fetchval", "fetchall", "mogrify"})
"""Query calls whose arguments after the SQL text are the values bound to its placeholders (DB-API
`execute(sql, params)`, SQLAlchemy `execute(text(...), {...})`, Django `raw(sql, [..])`, asyncpg `fetch`)."""


def _walk_sql(stmt: ast.stmt) -> Iterator[ast.AST]:
    """`ast.walk` of the statement without the bound values of its query calls: `{"p": f"%{q}%"}` handed
    to `execute` next to the SQL text is a value the driver quotes, not text of the query."""
    todo: deque[ast.AST] = deque([stmt])
    while todo:
        node = todo.popleft()
        yield node
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.Call) and _called_name(node) in _BINDING_RUNNERS and len(node.args) > 1:
            bound = {id(arg) for arg in node.args[1:]}
            bound.update(id(kw.value) for kw in node.keywords if kw.arg in {"params", "parameters", "args"})
            children = [child for child in children if id(child) not in bound]
        todo.extend(children)


def _spliced(stmt: ast.stmt) -> Iterator[ast.expr]:
    """The expressions spliced into string text in the statement."""
    for node in _walk_sql(stmt):
        if isinstance(node, ast.FormattedValue):
            yield node.value
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _stringy(node.left):
            yield from node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (
            _stringy(node.left) or _stringy(node.right)
        ):
            yield from (side for side in (node.left, node.right) if not _stringy(side))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "format" and (_stringy(node.func.value) or _composer(node.func.value))):
            yield from node.args
            yield from (kw.value for kw in node.keywords)


def _composer(node: ast.expr) -> bool:
    """A psycopg `sql.SQL(...)` (or `SQL(...)`) call."""
    return isinstance(node, ast.Call) and _called_name(node) in _COMPOSERS


def _called_name(call: ast.Call) -> str:
    """The last name of what a call calls: `Identifier` for `sql.Identifier(...)`, `int` for `int(...)`."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _stringy(node: ast.expr) -> bool:
    """A string literal, an f-string, or text joined from one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _stringy(node.left) or _stringy(node.right)
    return isinstance(node, ast.JoinedStr)


class _Judge:
    def __init__(self, scope: list[ast.stmt], classes: Callable[[], dict[str, dict[str, ast.expr]]],
                 line: int, helpers: Callable[[], dict[str, _Function]] = dict,
                 typed: set[str] | None = None) -> None:
        self.scope = scope
        self.classes = classes
        self.line = line
        self.helpers = helpers
        self.typed = set(typed or ())
        """Names that hold one of the code's own choices: parameters the framework validated against
        an enum or a `Literal` (or converted to a number), loop variables over a schema's field names."""

    def fixed(self, node: ast.expr, depth: int) -> bool:
        if depth <= 0:
            return False
        down = depth - 1
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.fixed(v.value, down) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mult) and isinstance(node.left, ast.List | ast.Constant):
                return self.fixed(node.left, down)  # ["%s"] * len(ids)
            return self.fixed(node.left, down) and self.fixed(node.right, down)
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return all(self.fixed(e, down) for e in node.elts)
        if isinstance(node, ast.Dict):  # a lookup table written out: what it gives are its values
            return all(self.fixed(v, down) for v in node.values)
        if isinstance(node, ast.IfExp):
            return self.fixed(node.body, down) and self.fixed(node.orelse, down)
        if isinstance(node, ast.BoolOp):  # `[c for c in ALLOWED if c in wanted] or ["id"]`
            return all(self.fixed(value, down) for value in node.values)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            keys = {name for g in node.generators for name in self._schema_key_names(g, down)}
            if keys - self.typed:
                judge = _Judge(self.scope, self.classes, self.line, self.helpers, self.typed | keys)
                return judge.fixed(node.elt, down)
            return self.fixed(node.elt, down) or all(self.fixed(g.iter, down) for g in node.generators)
        if isinstance(node, ast.Name):
            return self._name(node.id, down)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, down)
        if isinstance(node, ast.Subscript):
            return self.fixed(node.value, down)  # a lookup in a constant table gives a constant
        if isinstance(node, ast.Call):
            return self._call(node, down)
        return False

    def _schema_key_names(self, loop: ast.comprehension, depth: int) -> set[str]:
        """The loop's variable when it walks the field names of a pydantic model's dump (`for name in
        data`, `data.keys()`, `for name, value in data.items()`): names the model declares."""
        source = loop.iter
        method = ""
        if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and not source.args \
                and source.func.attr in {"keys", "items"}:
            method, source = source.func.attr, source.func.value
        for _ in range(depth):
            if not isinstance(source, ast.Name):
                break
            value = self._last_assignment(source.id)
            if value is None:
                return set()
            source = value
        if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
                and _pyflow.schema_dump(source.func.attr, source)):
            return set()
        target = loop.target
        if method == "items":
            pair = target.elts if isinstance(target, ast.Tuple) and len(target.elts) == 2 else None
            return {pair[0].id} if pair is not None and isinstance(pair[0], ast.Name) else set()
        return {target.id} if isinstance(target, ast.Name) else set()

    def _name(self, name: str, depth: int) -> bool:
        if name in self.typed:
            return True
        if name.isupper() and len(name) > 1:
            return True  # a module constant by convention
        value = self._last_assignment(name)
        if value is not None:
            return self.fixed(value, depth)
        return self._checked_against_allow_list(name)

    def _attribute(self, node: ast.Attribute, depth: int) -> bool:
        chain = ast.unparse(node).split(".")
        if chain[0] in _REQUESTS:
            return False  # `request.GET`, `request.POST`: upper case, and the caller's data
        if _CODE_NAMES & set(chain):
            return True  # a table or model name the code defines
        if len(chain) == 2 and chain[0] in _DB_HANDLES:
            return True  # `db.big_int`, `db.timestamp_now`: the handle's SQL for its own dialect
        if node.attr in _TABLE_ATTRS and (chain[0] in ("self", "cls") or chain[0][:1].isupper()
                                          or "model" in chain[:-1]):
            return True
        if isinstance(node.value, ast.Name) and node.value.id in self.typed \
                and node.attr in {"value", "name"}:
            return True  # a member of the enum the framework checked the parameter against
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            for attrs in self.classes().values():
                if node.attr in attrs:
                    return self.fixed(attrs[node.attr], depth)
        return node.attr.isupper() and len(node.attr) > 1  # Settings.MAX_ROWS, enum members

    def _call(self, node: ast.Call, depth: int) -> bool:
        func = node.func
        name = _called_name(node)
        if name in _QUOTERS:
            return True
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id in _DB_HANDLES and not func.attr.lower().startswith(_DATA_READS) \
                and not node.keywords \
                and all(self.fixed(arg, depth) for arg in node.args):
            return True  # `db.timestamp_placeholder("now")`: a dialect's SQL for a named placeholder
        if name in _COMPOSERS:
            return all(self.fixed(arg, depth) for arg in node.args) and bool(node.args)
        if name == "get" and isinstance(func, ast.Attribute) and 1 <= len(node.args) <= 2:
            # a constant table's `.get(key, default)`: one of its values, or the default
            return self.fixed(func.value, depth) and all(self.fixed(a, depth) for a in node.args[1:])
        if name == "join" and isinstance(func, ast.Attribute) and node.args:
            return self.fixed(func.value, depth) and self.fixed(node.args[0], depth)
        if name in _PASS_THROUGH:
            target = node.args[0] if node.args else func.value if isinstance(func, ast.Attribute) else None
            return target is not None and self.fixed(target, depth)
        if isinstance(func, ast.Name) and func.id in self.helpers():
            return self._helper_fixed(self.helpers()[func.id], depth)
        return False

    def _helper_fixed(self, helper: _Function, depth: int) -> bool:
        """A same-file function whose every `return` gives a value fixed in its own body (one entry of
        its allow-list table, a literal per branch): what it is passed picks among those, never the text."""
        returns = [r for r in _returns(helper) if r.value is not None]
        return bool(returns) and all(
            _Judge(helper.body, self.classes, r.lineno, self.helpers).fixed(r.value, depth)
            for r in returns if r.value is not None
        )

    def _last_assignment(self, name: str) -> ast.expr | None:
        found: ast.expr | None = None
        for node in self._before():
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    found = node.value
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == name:
                found = node.iter
        return found

    def _checked_against_allow_list(self, name: str) -> bool:
        for node in self._before():
            if isinstance(node, ast.Assert) and _membership(node.test, name, ast.In):
                return True
            if isinstance(node, ast.If):
                exits = node.body and isinstance(node.body[-1], ast.Raise | ast.Return | ast.Continue)
                if exits and _membership(node.test, name, ast.NotIn):
                    return True
                if node.lineno < self.line <= (node.end_lineno or node.lineno) \
                        and _membership(node.test, name, ast.In) \
                        and any(s.lineno <= self.line <= (s.end_lineno or s.lineno) for s in node.body):
                    return True
        return False

    def _before(self) -> Iterator[ast.stmt]:
        """Statements of the function (nested blocks included, nested functions not) that start before the
        judged line."""
        stack = list(reversed(self.scope))
        while stack:
            stmt = stack.pop()
            if stmt.lineno >= self.line:
                continue
            yield stmt
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for name in ("body", "orelse", "finalbody"):
                stack.extend(reversed(getattr(stmt, name, [])))
            for handler in getattr(stmt, "handlers", []):
                stack.extend(reversed(handler.body))


def _membership(test: ast.expr, name: str, op: type[ast.cmpop]) -> bool:
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == name
            and len(test.ops) == 1 and isinstance(test.ops[0], op))
