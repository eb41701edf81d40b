"""Python views that look a record up by a key the client sent, and crash with a 500 when it does not exist.

    def invoice_detail(request, invoice_id):
        invoice = Invoice.objects.get(pk=invoice_id)   # unknown id: Invoice.DoesNotExist, answered 500

Two shapes, reported only in request handlers (a function taking `request`, or one under a route decorator
such as `@app.get(...)`, `@router.post(...)`, `@bp.route(...)`), and only when the lookup's key comes from
the request (a parameter of the handler, or a name assigned from `request.GET/POST/data/query_params/...`,
`kwargs` or `self.kwargs`):

- PY-LOOKUP-NOT-FOUND-500: Django `X.objects....get(...)` and SQLAlchemy `.one()`/`.scalar_one()` outside
  a `try` that catches the not-found error (`DoesNotExist`, `ObjectDoesNotExist`, `NoResultFound`,
  `Exception`, a bare `except`);
- PY-FIRST-NONE-DEREF: `x = ....first()` (Django or SQLAlchemy, `None` when nothing matches) whose
  attribute is read in the next statement with no `None` test in between.

Test modules, management commands and migrations are not request handlers and are left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import Function, functions_of, own_nodes, try_guarded_lines
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NOT_HANDLER_PATH = lazy_re(
    r"(?:^|/)(?:tests?|testing|management/commands|migrations)/|(?:^|/)(?:test_[^/]*|admin\.py)$|_tests?\.py$"
)
_ROUTE_DECORATOR = lazy_re(
    r"^(?:\w+\.)*(?:app|router|api|bp|blueprint|\w+_router|\w+_bp|\w+_api|\w+_blueprint|routes?)"
    r"\.(?:get|post|put|patch|delete|route|api_route|websocket)$"
)
_REQUEST_DATA = lazy_re(
    r"^(?:self\.)?request\.(?:GET|POST|data|query_params|json|args|form|values|path_params|match_info"
    r"|get_json|query|body|headers|FILES|params)\b|^(?:self\.)?kwargs\b"
)
_NOT_FOUND_CAUGHT = frozenset({
    "DoesNotExist", "ObjectDoesNotExist", "NoResultFound", "Exception", "BaseException", "LookupError",
})
_UNTRACKED_PARAMS = frozenset({
    "self", "cls", "request", "req", "db", "session", "current_user", "user", "obj", "instance", "form",
    "formset", "serializer", "queryset", "change", "exc", "tb",
})
"""Parameters that hold server-side objects (Django admin and DRF hooks pass the saved record), not keys."""
_PASS_THROUGH_CALLS = frozenset({
    "int", "str", "float", "UUID", "uuid.UUID", "get", "getlist", "pop", "strip", "lower", "upper", "split",
    "get_json",
})
"""Calls whose result is still the client's value (a conversion, a read from request data)."""
_TASK_DECORATOR = lazy_re(r"(?:^|\.)(?:shared_task|task|job|periodic_task|actor)$")


@register(
    CheckSpec(
        id="PY-LOOKUP-NOT-FOUND-500",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Lookup by a client's key crashes with 500 when nothing matches",
        explanation=(
            "Django's `.get(...)` raises `DoesNotExist` and SQLAlchemy's `.one()`/`.scalar_one()` raise "
            "`NoResultFound` when no row matches. With the key taken from the request and nothing catching "
            "the error, an unknown or deleted id is answered with 500: error alerts fire, clients retry, and "
            "the caller is not told the record is missing. Use `get_object_or_404` (Django), "
            "`one_or_none()` with a 404, or catch the not-found error and answer 404."
        ),
    ),
    needs=(".get(", ".one()", ".scalar_one()"),
)
def lookup_not_found_500(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_HANDLER_PATH.search(ctx.path):
        return
    for flow in flows(ctx):
        for function in functions_of(flow):
            if not _is_handler(function):
                continue
            nodes = list(own_nodes(function))
            tainted = _request_names(function, nodes)
            guarded = _guarded_lines(nodes)
            for node in nodes:
                if not isinstance(node, ast.Call) or node.lineno in guarded:
                    continue
                kind = _raising_lookup(node)
                if kind is None or not _keyed_by_request(node, tainted):
                    continue
                model = _model_of(node)
                if kind == "django":
                    message = (
                        f"`{model}.objects...get(...)` raises `{model}.DoesNotExist` when the client's key "
                        "matches nothing, and nothing here catches it: an unknown id is answered with 500. "
                        "Use `get_object_or_404` or catch `DoesNotExist` and answer 404.")
                else:
                    message = (
                        f"`.{node.func.attr if isinstance(node.func, ast.Attribute) else 'one'}()` raises "
                        "`NoResultFound` when the client's key matches nothing, and nothing here catches it: "
                        "an unknown id is answered with 500. Use `one_or_none()` and answer 404.")
                yield Hit(node.lineno + flow.offset, None, message=message)


@register(
    CheckSpec(
        id="PY-FIRST-NONE-DEREF",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="`.first()` result used without a `None` check",
        explanation=(
            "`.first()` returns `None` when nothing matches (Django and SQLAlchemy alike). Reading an "
            "attribute of it right away raises `AttributeError` for an unknown or deleted key, and the "
            "request is answered with 500 instead of 404. Test the result for `None` first and answer 404."
        ),
    ),
    needs=(".first()",),
)
def first_none_deref(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_HANDLER_PATH.search(ctx.path):
        return
    for flow in flows(ctx):
        for function in functions_of(flow):
            if not _is_handler(function):
                continue
            nodes = list(own_nodes(function))
            tainted = _request_names(function, nodes)
            for block in _statement_lists(function):
                for index, stmt in enumerate(block[:-1]):
                    name = _first_assigned(stmt, tainted)
                    if name is None:
                        continue
                    read = _attribute_read(block[index + 1], name)
                    if read is not None:
                        yield Hit(stmt.lineno + flow.offset, read.lineno + flow.offset, message=(
                            f"`{name}` is `None` when `.first()` on line {stmt.lineno + flow.offset} finds "
                            f"nothing, and `{name}.{read.attr}` is read on the next line without a check: an "
                            "unknown key is answered with 500. Test it for `None` and answer 404."))


def _is_handler(function: Function) -> bool:
    if function.name.startswith("test"):
        return False
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if _TASK_DECORATOR.search(dotted(target) or ""):
            return False
    params = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
    if params[:1] == ["request"] or params[:2] in (["self", "request"], ["cls", "request"]):
        return True
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if _ROUTE_DECORATOR.match(dotted(target) or ""):
            return True
    return False


def _request_names(function: Function, nodes: list[ast.AST]) -> set[str]:
    """Names that hold what the client sent: the handler's own parameters (path and query values) and
    names assigned from request data."""
    args = function.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]} - _UNTRACKED_PARAMS
    names = {n for n in names if not _annotated_as_dependency(function, n)}
    assigns = [n for n in nodes if isinstance(n, ast.Assign)]
    for _ in range(2):
        for assign in assigns:
            if _from_request(assign.value, names):
                for target in assign.targets:
                    names.update(t.id for t in ast.walk(target) if isinstance(t, ast.Name))
    return names


def _annotated_as_dependency(function: Function, name: str) -> bool:
    """A FastAPI dependency (`db: Session = Depends(...)`, `user: User = Depends(...)`) is not request
    data."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(args.defaults):]], args.defaults,
                        strict=True))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                     if d is not None})
    default = defaults.get(name)
    if isinstance(default, ast.Call) and dotted(default.func).rsplit(".", 1)[-1] in {"Depends", "Security"}:
        return True
    for arg in [*positional, *args.kwonlyargs]:
        if arg.arg == name and arg.annotation is not None and "Depends" in ast.unparse(arg.annotation):
            return True
    return False


def _from_request(node: ast.expr, names: set[str], *, builders: bool = False) -> bool:
    """Does `node` carry the client's value? Not through calls other than conversions and reads (the
    result of a lookup keyed by the value is a record, not the value)."""
    todo: list[ast.AST] = [node]
    while todo:
        sub = todo.pop()
        if isinstance(sub, ast.Call):
            name = dotted(sub.func) or ""
            if _REQUEST_DATA.match(name):
                return True
            last = name.rsplit(".", 1)[-1]
            if ".objects" in name or (name not in _PASS_THROUGH_CALLS and last not in _PASS_THROUGH_CALLS
                                       and not (builders and _builder(sub))):
                continue
            todo.extend([*sub.args, *(kw.value for kw in sub.keywords)])
            if isinstance(sub.func, ast.Attribute):
                todo.append(sub.func.value)
            continue
        todo.extend(ast.iter_child_nodes(sub))
        if isinstance(sub, ast.Name) and sub.id in names:
            return True
        if isinstance(sub, ast.Attribute | ast.Subscript | ast.Name) and _REQUEST_DATA.match(_text(sub)):
            return True
    return False


def _builder(call: ast.Call) -> bool:
    """A query-building call (`select(...)`, `.where(...)`, `.filter_by(...)`, `and_(...)`): its arguments
    are the lookup's key."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else dotted(func).rsplit(".", 1)[-1]
    return name in {"select", "where", "filter", "filter_by", "and_", "or_", "join", "options", "query"}


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Subscript):
        return _text(node.value)
    return dotted(node) or ""


def _chain(call: ast.Call) -> Iterator[ast.expr]:
    """The receivers of a call chain, outermost first: `A.objects.filter(x).get(y)` gives the
    `filter(x)` call, `A.objects`, `A` ..."""
    node: ast.expr = call.func
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            yield node
            node = node.func
        else:
            yield node
            return
        yield node


def _raising_lookup(call: ast.Call) -> str | None:
    if not isinstance(call.func, ast.Attribute):
        return None
    attr = call.func.attr
    chain = list(_chain(call))
    if attr == "get" and (call.args or call.keywords or any(isinstance(n, ast.Call) for n in chain)):
        if any(isinstance(n, ast.Attribute) and n.attr == "objects" for n in chain):
            return "django"
        return None
    if attr in {"one", "scalar_one"} and not call.args and not call.keywords and any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        and n.func.attr in {"execute", "scalars", "query", "filter", "filter_by", "where"} for n in chain
    ):
        return "sqlalchemy"
    return None


def _keyed_by_request(call: ast.Call, tainted: set[str]) -> bool:
    calls = [call, *(n for n in _chain(call) if isinstance(n, ast.Call))]
    for each in calls:
        for arg in [*each.args, *(kw.value for kw in each.keywords)]:
            if _from_request(arg, tainted, builders=True):
                return True
    return False


def _model_of(call: ast.Call) -> str:
    for node in _chain(call):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return dotted(node.value).rsplit(".", 1)[-1] or "Model"
    return "Model"


def _guarded_lines(nodes: list[ast.AST]) -> set[int]:
    """Lines inside a `try` whose handlers catch the not-found error."""
    return try_guarded_lines(nodes, _NOT_FOUND_CAUGHT)


def _statement_lists(function: Function) -> Iterator[list[ast.stmt]]:
    todo: list[list[ast.stmt]] = [function.body]
    while todo:
        block = todo.pop()
        yield block
        for stmt in block:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    todo.append(inner)
            for handler in getattr(stmt, "handlers", []):
                todo.append(handler.body)


def _first_assigned(stmt: ast.stmt, tainted: set[str]) -> str | None:
    """`x = <query>.first()` with the query keyed by request data: `x`."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)):
        return None
    value = stmt.value
    if isinstance(value, ast.Await):
        value = value.value
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
            and value.func.attr == "first" and not value.args and not value.keywords):
        return None
    chain = list(_chain(value))
    if not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in {"filter", "filter_by", "where", "get_queryset", "exclude"} for n in chain):
        return None
    if not _keyed_by_request(value, tainted):
        return None
    return stmt.targets[0].id


def _attribute_read(stmt: ast.stmt, name: str) -> ast.Attribute | None:
    """The first `name.attr` the statement reads, unless the statement tests `name` itself."""
    if isinstance(stmt, ast.If | ast.While | ast.Assert | ast.Try | ast.With | ast.For):
        return None
    for node in ast.walk(stmt):
        if isinstance(node, ast.IfExp | ast.BoolOp) or (
            isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value is None
                                                 for c in [node.left, *node.comparators])):
            return None
        if isinstance(node, ast.Call) and dotted(node.func) in {"getattr", "hasattr"}:
            return None
    reads = [node for node in ast.walk(stmt) if isinstance(node, ast.Attribute)
             and isinstance(node.value, ast.Name) and node.value.id == name]
    return min(reads, key=lambda n: (n.lineno, n.col_offset)) if reads else None
