"""Shared by PY-LOOKUP-NOT-CALLER-SCOPED and JS-LOOKUP-IGNORES-CALLER: a record loaded by its id without the
tenant or owner filter that the file's other lookups of the same
model use (Django ORM in Python views, Prisma in JavaScript/TypeScript handlers).

    @router.get("/{report_id}")
    def get_report(request, report_id: int):
        return get_object_or_404(Report, id=report_id, team=request.auth.team)    # scoped

    @router.get("/{report_id}/pdf")
    def report_pdf(request, report_id: int):
        report = get_object_or_404(Report, id=report_id)                         # any team's report

    getById: teamProcedure.input(...).query(({ ctx, input }) =>
      ctx.db.report.findUnique({ where: { id: input.id } })),                    // any team's report
    archive: teamProcedure.input(...).mutation(({ ctx, input }) =>
      ctx.db.report.updateMany({ where: { id: input.id, teamId: ctx.team.id }, data: { ... } })),

The sibling lookups show how the code keeps one tenant's records from another: a filter whose value is the
caller's (`request.user`, `request.auth.<org>`, `ctx.session.user`, `ctx.org.id`, `req.user`). A lookup of
the same model by its id that leaves that filter out, in a handler that never mentions the caller or the
filter's field, lets any signed-in user reach another tenant's record by its id.

Reported on the lookup the change adds, when every other lookup of the model by id in view is scoped (at
least one is), and the handler is known entire (Python: its parsed function; JS/TS: the closed block of the
arrow function or method around the lookup).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._caller_use import caller_may_scope
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._pyflow import Flow, dotted, flows
from persona_review.checks._spans import bracket_span, lines_of, split_top
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testing)/|(?:_test|_spec|\.test|\.spec)\.\w+$|(?:^|/)test_[^/]*\.py$"
)
EXPLANATION = (
    "The other lookups of this model in the file filter by the caller's tenant or owner; this one finds the "
    "record by its id alone, so any signed-in user reads or changes another tenant's record by changing "
    "the id (an insecure direct object reference). Add the same filter, or answer 404 when the record's "
    "tenant is not the caller's."
)


@dataclass(frozen=True, slots=True)
class _Lookup:
    line: int
    model: str
    keys: dict[str, str]
    """Filter field -> the value's source text."""
    handler: str
    """The handler's whole source, for the mentions test."""
    handler_id: int


def _message(model: str, keys: set[str]) -> str:
    fields = ", ".join(f"`{key}`" for key in sorted(keys))
    return (f"`{model}` is loaded by its id alone, while the other lookups of it in this file also filter by "
            f"{fields} from the caller: any signed-in user can reach another tenant's record by its id. "
            "Filter by the caller here too (or answer 404 when the record is not the caller's).")


def _findings(lookups: list[_Lookup], caller: re.Pattern[str], added: frozenset[int],
              signed_in: re.Pattern[str] | None = None) -> Iterator[Hit]:
    """`signed_in`, when given, names a handler that only signed-in callers reach (`@login_required`): in
    one, a lookup by id is also reported when the file's only other lookups of the model are scoped lists
    (no other lookup by id to compare with)."""
    scope_keys: dict[str, set[str]] = {}
    for each in lookups:
        for key, value in each.keys.items():
            if caller.search(value):
                scope_keys.setdefault(each.model, set()).add(key)
    for each in lookups:
        keys = scope_keys.get(each.model)
        if not keys or each.line not in added or "id" not in each.keys or keys & set(each.keys):
            continue
        if any(caller.search(value) for value in each.keys.values()) \
                or caller_may_scope(each.handler, caller):
            continue  # the caller is used for more than a stamp, a log line or a nil test
        if any(re.search(rf"\b{re.escape(key)}\b", each.handler) for key in keys):
            continue  # the handler compares the record's tenant itself
        others = [o for o in lookups
                  if o.model == each.model and o.handler_id != each.handler_id and "id" in o.keys]
        if not others and (signed_in is None or not signed_in.search(each.handler)):
            continue  # no other lookup by id shows the file's rule, and the handler may be public
        if not all(keys & set(o.keys) or caller.search(o.handler) for o in others):
            continue  # another handler looks it up by id alone too: not the file's rule
        yield Hit(each.line, None, _message(each.model, keys), explanation=EXPLANATION)


# --- Python: Django ORM and SQLAlchemy lookups in views and routes ----------------------------------------

_PY_CALLER = lazy_re(
    r"\b(?:self\.)?request\.(?:user|auth|tenant|organization|org|account|workspace|team|member)\b"
    r"|\bcurrent_(?:user|org\w*|tenant|account|workspace|team)\b|\bg\.(?:user|tenant|org\w*|account)\b"
)
_SHORTCUTS = frozenset({"get_object_or_404", "aget_object_or_404", "get_list_or_404", "aget_list_or_404"})
_MANAGER_METHODS = frozenset({"get", "aget", "filter", "exclude", "get_or_none", "update", "delete"})
_ID_KEYS = frozenset({"id", "pk", "uuid"})
_ROUTE_DECORATOR = lazy_re(r"(?:^|\.)(?:get|post|put|patch|delete|route|api_route|websocket)$")
_PRIVILEGED_DECORATOR = lazy_re(
    r"(?i)(?:^|\.)(?:staff_member_required|superuser_required|user_passes_test|permission_required|"
    r"roles?_required|roles?_accepted|\w*admin\w*|\w*staff\w*|\w*superuser\w*)$"
)
"""A view only privileged staff reach (`@staff_member_required`, `@admin_required`, `@roles_required`):
reaching any tenant's record is its purpose."""
_PRIVILEGED_PERMISSION = lazy_re(r"\bIs(?:Admin|Staff|Superuser)\w*")
_PY_SIGNED_IN = lazy_re(r"(?m)^@(?:\w+\.)*(?:login_required|auth_required|jwt_required|"
                        r"fresh_login_required|authenticated)\b")
"""A decorator that lets only signed-in callers in (Flask-Login, Flask-Security, Flask-JWT-Extended)."""
_SA_CHAIN = frozenset({"where", "filter", "filter_by"})
_SA_ROOTS = frozenset({"select", "delete", "update"})
_SA_SESSION_GET = frozenset({"get", "get_or_404", "aget"})


def py_sibling_scope_hits(ctx: FileContext) -> Iterator[Hit]:
    """PY-LOOKUP-NOT-CALLER-SCOPED's second shape (see the module doc)."""
    if _TEST_PATH.search(ctx.path):
        return
    seen: set[int] = set()
    text = ctx.known_text()
    django = ".objects." in text or "get_object_or_404" in text
    for flow in flows(ctx):
        lookups: list[_Lookup] = []
        privileged_classes = {id(f) for c in flow.nodes(ast.ClassDef)
                              if _PRIVILEGED_PERMISSION.search(ast.unparse(c)) for f in ast.walk(c)}
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for function in functions:
            arguments = function.args
            params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
            decorators = [dotted(d.func if isinstance(d, ast.Call) else d) for d in function.decorator_list]
            if id(function) in privileged_classes or any(_PRIVILEGED_DECORATOR.search(n) for n in decorators):
                continue
            if "request" not in params and "self" not in params and not any(
                    _ROUTE_DECORATOR.search(name) for name in decorators):
                continue
            source = ast.unparse(function)
            chained: set[int] = set()
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                if id(call) in chained:
                    continue
                found = _py_lookup(call, params) or _sa_lookup(call, params, chained)
                if found is not None:
                    model, keys = found
                    lookups.append(_Lookup(call.lineno + flow.offset, model, keys, source, id(function)))
        more: list[Hit] = []
        if django:  # the two Django shapes below read every call: only where the ORM is in sight
            more += [*_helper_scope_hits(flow, functions, privileged_classes, ctx.added),
                     *_viewset_bypass_hits(flow, functions, privileged_classes, ctx)]
        more += list(_call_sibling_hits(flow, functions, ctx.added))
        for hit in [*_findings(lookups, _PY_CALLER, ctx.added, _PY_SIGNED_IN), *more]:
            if hit.line not in seen:
                seen.add(hit.line)
                yield hit


# Another shape, any framework: the same data-access call (`self._appointments.get`) is given the caller's
# scope in the other handlers (`get(appointment_id, clinic_id=req.context.clinic_id)`) and the id alone here.

_PY_CALL_CALLER = lazy_re(rf"{_PY_CALLER.pattern}|\breq(?:uest)?\.context\.\w+")
"""The caller as the other handlers hand it on, Falcon's `req.context.<tenant>` included."""


def _call_sibling_hits(flow: Flow, functions: list[ast.FunctionDef | ast.AsyncFunctionDef],
                       added: frozenset[int]) -> Iterator[Hit]:
    calls: list[tuple[str, int, frozenset[str], bool, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for function in functions:
        params = {a.arg for a in function.args.args}
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            callee = dotted(call.func)
            if not isinstance(call.func, ast.Attribute) or "." not in callee or not call.args:
                continue
            if not (isinstance(call.args[0], ast.Name) and call.args[0].id in params):
                continue  # not given the handler's own id parameter first
            args = frozenset([ast.unparse(a) for a in call.args]
                             + [f"{k.arg}={ast.unparse(k.value)}" for k in call.keywords])
            scoped = any(_PY_CALL_CALLER.search(a) for a in args)
            calls.append((callee, call.lineno + flow.offset, args, scoped, function))
    for callee, line, args, scoped, function in calls:
        if scoped or line not in added:
            continue
        siblings = [c for c in calls if c[0] == callee and c[4] is not function]
        if not siblings or not all(c[3] for c in siblings) or not any(args < c[2] for c in siblings):
            continue
        if caller_may_scope(ast.unparse(function), _PY_CALL_CALLER):
            continue  # the handler uses the caller its own way
        extra = sorted(next(c[2] - args for c in siblings if args < c[2]))
        yield Hit(line, None, (
            f"`{callee}(...)` is given the id alone here, while the other handlers of this file also hand it "
            f"the caller's scope (`{extra[0]}`): any signed-in caller reaches another tenant's record by its "
            "id. Pass the same scope here."), explanation=EXPLANATION)


# A third shape: the other handlers reach the record through the view's own scoped queryset
# (`get_object_or_404(self._queryset(request), scim_id=user_id)`, `self.get_queryset().get(pk=pk)`), and
# the new one goes to the model directly with the same key (`get_object_or_404(ScimUser, scim_id=user_id)`).

_SCOPED_QUERYSET = frozenset({"get_queryset", "scoped_queryset"})
"""`self.<name>()` methods that are the view's queryset by convention (Django class-based views, DRF)."""


@dataclass(frozen=True, slots=True)
class _KeyedLookup:
    line: int
    key: str
    value: str
    model: str
    """The model class for a direct lookup; "" for one through the view's queryset."""
    function: int


def _helper_scope_hits(flow: Flow, functions: list[ast.FunctionDef | ast.AsyncFunctionDef],
                       privileged: set[int], added: frozenset[int]) -> Iterator[Hit]:
    offset = flow.offset
    owner: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for function in functions:  # innermost last, so a nested function's calls end up as its own
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                owner[id(node)] = function
    lookups: list[_KeyedLookup] = []
    for function in functions:
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            if owner.get(id(call)) is not function:
                continue
            found = _keyed_lookup(call)
            if found is not None:
                model, key, value = found
                lookups.append(_KeyedLookup(call.lineno + offset, key, value, model, id(function)))
    by_id = {id(f): f for f in functions}
    for each in lookups:
        if not each.model or each.line not in added or each.function in privileged:
            continue
        function = by_id[each.function]
        if any(o.function == each.function and not o.model for o in lookups):
            continue  # the handler also uses the scoped queryset
        scoped = [o for o in lookups if o.function != each.function and not o.model
                  and (o.key, o.value) == (each.key, each.value)]
        direct = [o for o in lookups if o.function != each.function and o.model == each.model
                  and o.key == each.key]
        if not scoped or direct:
            continue
        if _PY_CALLER.search(ast.unparse(function)):
            continue  # the handler checks the caller its own way
        yield Hit(each.line, None, (
            f"`{each.model}` is loaded by `{each.key}` straight from the model, while the other handlers of "
            "this view find it through the view's scoped queryset: this one skips that scope (and any "
            "object-permission check it carries), so a caller reaches records outside it by changing the id. "
            "Look it up through the same queryset."), explanation=EXPLANATION)


# A fourth shape, Django REST framework: the viewset's other handlers reach records through
# `self.get_object()` / `self.get_queryset()` (the viewset's scope and object permissions), and a new one
# queries the model's manager directly with values the request chose.

_VIEWSET_ACCESS = frozenset({"get_object", "get_queryset", "filter_queryset"})
_VIEWSET_CALL = lazy_re(r"\bself\.(?:get_object|get_queryset|filter_queryset)\s*\(")
"""In a hunk, a sibling handler's use of the viewset's access, on a known line outside the new handler
(the fragment parser may not keep a handler whose `def` is above the hunk)."""
_REQUEST_VALUE = lazy_re(r"\b(?:self\.)?request\.(?:query_params|data|GET|POST|kwargs)\b|\bself\.kwargs\b")


def _viewset_bypass_hits(flow: Flow, functions: list[ast.FunctionDef | ast.AsyncFunctionDef],
                         privileged: set[int], ctx: FileContext) -> Iterator[Hit]:
    added = ctx.added
    offset = flow.offset
    classes = flow.nodes(ast.ClassDef)
    for function in functions:
        if id(function) in privileged or function.name.startswith("_") or not function.args.args \
                or function.args.args[0].arg != "self":
            continue  # a view's own method: the cheap test before the walks below
        if not any(n.lineno + offset in added for n in ast.walk(function) if isinstance(n, ast.stmt)):
            continue
        owner = next((c for c in classes if function in c.body), None)
        if not _drf_handler(function, owner):
            continue
        source = ast.unparse(function)
        if _uses_viewset_access(function) or _PY_CALLER.search(source) or _OWN_SCOPE_READ.search(source):
            continue
        scope = [c for c in owner.body if c is not function] if owner is not None else [
            f for f in functions if f is not function]
        first = function.lineno + offset
        last = (function.end_lineno or function.lineno) + offset
        implicit = owner is not None and _STOCK_HANDLERS.search(" ".join(ast.unparse(b) for b in owner.bases))
        if not implicit and not any(_uses_viewset_access(n) for n in scope) and not (owner is None and any(
                _VIEWSET_CALL.search(text) for no, text in ctx.lines.items() if not first <= no <= last)):
            continue
        if owner is not None and not _scoped_queryset(owner):
            continue  # the class is in view and its queryset is not the caller's: nothing is skipped
        model = _viewset_model(owner) if owner is not None else None
        requested = _request_names(function) | {a.arg for a in function.args.args[1:]} - {"request"}
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            manager = _manager(call.func.value) if isinstance(call.func, ast.Attribute) else None
            if not (isinstance(call.func, ast.Attribute) and call.func.attr in _MANAGER_METHODS
                    and isinstance(manager, ast.Attribute) and manager.attr == "objects"
                    and isinstance(manager.value, ast.Name)):
                continue
            name = manager.value.id
            if model is not None and name != model:
                continue
            chosen = [k.arg for k in call.keywords if k.arg and (
                _REQUEST_VALUE.search(ast.unparse(k.value))
                or any(isinstance(n, ast.Name) and n.id in requested for n in ast.walk(k.value)))]
            if not chosen or call.lineno + offset not in added:
                continue
            yield Hit(call.lineno + offset, None, (
                f"`{name}.objects.{call.func.attr}(...)` looks records up by `{chosen[0]}` from the request "
                "straight from the model, while this viewset's other handlers go through "
                "`self.get_object()`/`self.get_queryset()`: this one skips the viewset's scope and its "
                "object permissions, so a caller reads other accounts' records by changing the value. Filter "
                "`self.get_queryset()` instead."), explanation=EXPLANATION)
            break


_DRF_VIEW = lazy_re(r"(?:ViewSet|GenericAPIView|APIView|ViewSetMixin)\b")
_DRF_HANDLERS = frozenset({"list", "retrieve", "create", "update", "partial_update", "destroy",
                           "get", "post", "put", "patch", "delete"})
_OWN_SCOPE_READ = lazy_re(r"\b(?:self\.)?request\.(?!query_params|data|GET|POST|kwargs|FILES|META|headers"
                          r"|method|path|build_absolute_uri|accepted_renderer)\w+")
"""A request attribute the auth middleware set (`request.space`, `request.tenant`): the handler scopes by
the caller its own way."""


_STOCK_HANDLERS = lazy_re(r"\b(?:ModelViewSet|ReadOnlyModelViewSet|Retrieve\w*APIView|\w*ModelMixin|"
                          r"(?:Update|Destroy|List)\w*APIView)\b")
"""A DRF view whose inherited handlers (`retrieve`, `update`...) go through `get_queryset`/`get_object`."""


def _manager(node: ast.expr) -> ast.expr:
    """`Model.objects` under a chain of queryset calls (`Model.objects.select_related(...)`), or `node`."""
    current = node
    while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
        if isinstance(current.func.value, ast.Attribute) and current.func.value.attr == "objects":
            return current.func.value
        current = current.func.value
    return node


def _drf_handler(function: ast.FunctionDef | ast.AsyncFunctionDef, owner: ast.ClassDef | None) -> bool:
    """A method of a DRF view: in a class whose bases name a DRF view, or (a hunk without its class line) a
    method decorated with `@action`. A `get_object` override counts: the stock handlers call it."""
    if owner is not None:
        bases = " ".join(ast.unparse(b) for b in owner.bases)
        return bool(_DRF_VIEW.search(bases)) and (function.name in _DRF_HANDLERS or any(
            "action" in ast.unparse(d) for d in function.decorator_list) or function.name == "get_object")
    return any(dotted(d.func if isinstance(d, ast.Call) else d).rsplit(".", 1)[-1] == "action"
               for d in function.decorator_list)


def _uses_viewset_access(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in _VIEWSET_ACCESS and isinstance(n.func.value, ast.Name)
               and n.func.value.id == "self" for n in ast.walk(node))


def _scoped_queryset(owner: ast.ClassDef) -> bool:
    """The class defines `get_queryset` and scopes it by the caller (`request.user`, `request.tenant`)."""
    return any(isinstance(stmt, ast.FunctionDef) and stmt.name == "get_queryset"
               and (_PY_CALLER.search(ast.unparse(stmt)) or _OWN_SCOPE_READ.search(ast.unparse(stmt)))
               for stmt in owner.body)


def _viewset_model(owner: ast.ClassDef) -> str | None:
    """The model of the class's `queryset = Model.objects...` or `model = Model` (None when not in view)."""
    for stmt in owner.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "model"
                                                for t in stmt.targets) and isinstance(stmt.value, ast.Name):
            return stmt.value.id
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "queryset"
                                                for t in stmt.targets):
            for node in ast.walk(stmt.value):
                if isinstance(node, ast.Attribute) and node.attr == "objects" \
                        and isinstance(node.value, ast.Name):
                    return node.value.id
    return None


def _request_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names assigned from the request's data (`account = request.query_params.get("account")`)."""
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and _REQUEST_VALUE.search(ast.unparse(node.value)):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _keyed_lookup(call: ast.Call) -> tuple[str, str, str] | None:
    """(model or "", key, value) of a single-key lookup by a parameter: `get_object_or_404(M, k=v)`,
    `M.objects.get(k=v)`, or the same through the view's queryset (`get_object_or_404(self.qs(request), k=v)`,
    `self.get_queryset().get(k=v)`), whose model is ""."""
    name = dotted(call.func).rsplit(".", 1)[-1]
    if name in _SHORTCUTS and call.args:
        source: ast.expr = call.args[0]
    elif isinstance(call.func, ast.Attribute) and call.func.attr in {"get", "aget"}:
        source = call.func.value
    else:
        return None
    keywords = [k for k in call.keywords if k.arg is not None]
    if len(keywords) != 1 or len(call.keywords) != 1 or not isinstance(keywords[0].value, ast.Name):
        return None
    key, value = keywords[0].arg or "", keywords[0].value.id
    if isinstance(source, ast.Name) and source.id[:1].isupper():
        return source.id, key, value
    if (isinstance(source, ast.Attribute) and source.attr == "objects" and isinstance(source.value, ast.Name)
            and source.value.id[:1].isupper()):
        return source.value.id, key, value
    if (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
            and isinstance(source.func.value, ast.Name) and source.func.value.id == "self"
            and (source.func.attr in _SCOPED_QUERYSET
                 or any((isinstance(a, ast.Name) and a.id == "request") or dotted(a) == "self.request"
                        for a in source.args))):
        return "", key, value
    return None


def _py_lookup(call: ast.Call, params: set[str]) -> tuple[str, dict[str, str]] | None:
    """(model, filter) of `get_object_or_404(Model, ...)` or `Model.objects.<get|filter|...>(...)`; the id
    filter is kept under "id" when its value is one of the function's parameters."""
    name = dotted(call.func)
    if name.rsplit(".", 1)[-1] in _SHORTCUTS and call.args and isinstance(call.args[0], ast.Name):
        model = call.args[0].id
    elif isinstance(call.func, ast.Attribute) and call.func.attr in _MANAGER_METHODS:
        manager = call.func.value
        if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"
                and isinstance(manager.value, ast.Name)):
            return None
        model = manager.value.id
    else:
        return None
    if not model[:1].isupper():
        return None
    keys: dict[str, str] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            return None  # `**filters`: not readable
        key = keyword.arg.split("__", 1)[0]
        value = ast.unparse(keyword.value)
        if key in _ID_KEYS and isinstance(keyword.value, ast.Name) and keyword.value.id in params:
            keys["id"] = value
        else:
            keys[key] = value
    return model, keys


def _sa_lookup(call: ast.Call, params: set[str], chained: set[int]) -> tuple[str, dict[str, str]] | None:
    """(model, filter) of a SQLAlchemy lookup: `session.get(Model, id)`, `db.get_or_404(Model, id)`,
    `Model.query.get(id)`, or a chain `select(Model).where(Model.id == id, Model.owner_id == ...)`
    (`delete`/`update` too, `.filter`/`.filter_by`, `Model.query.filter_by(...)`, `session.query(Model)`).
    The calls of a chain are added to `chained` so that its inner links are not read again."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr in _SA_SESSION_GET:
        receiver = dotted(func.value)
        if (len(call.args) == 2 and isinstance(call.args[0], ast.Name) and call.args[0].id[:1].isupper()
                and re.search(r"(?:^|[._])(?:session|db|s)$", receiver)):
            return call.args[0].id, _id_only(call.args[1], params)
        if (len(call.args) == 1 and isinstance(func.value, ast.Attribute) and func.value.attr == "query"
                and isinstance(func.value.value, ast.Name) and func.value.value.id[:1].isupper()):
            return func.value.value.id, _id_only(call.args[0], params)
        return None
    if func.attr not in _SA_CHAIN:
        return None
    keys: dict[str, str] = {}
    node: ast.expr = call
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SA_CHAIN:
        chained.add(id(node))
        for arg in node.args:
            for condition in (arg.args if isinstance(arg, ast.Call) and dotted(arg.func).endswith("and_")
                              else [arg]):
                if not (isinstance(condition, ast.Compare) and len(condition.ops) == 1
                        and isinstance(condition.ops[0], ast.Eq)
                        and isinstance(condition.left, ast.Attribute)):
                    continue
                _add_key(keys, condition.left.attr, condition.comparators[0], params)
        for keyword in node.keywords:
            if keyword.arg is None:
                return None
            _add_key(keys, keyword.arg, keyword.value, params)
        node = node.func.value
    model = ""
    if isinstance(node, ast.Call) and dotted(node.func).rsplit(".", 1)[-1] in {*_SA_ROOTS, "query"}:
        if node.args and isinstance(node.args[0], ast.Name):
            model = node.args[0].id
    elif isinstance(node, ast.Attribute) and node.attr == "query" and isinstance(node.value, ast.Name):
        model = node.value.id
    if not model[:1].isupper() or not keys:
        return None
    return model, keys


def _id_only(value: ast.expr, params: set[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    _add_key(keys, "id", value, params)
    return keys


def _add_key(keys: dict[str, str], key: str, value: ast.expr, params: set[str]) -> None:
    if key in _ID_KEYS and isinstance(value, ast.Name) and value.id in params:
        keys["id"] = ast.unparse(value)
    else:
        keys[key] = ast.unparse(value)


# --- JavaScript/TypeScript: Prisma lookups in handlers ----------------------------------------------------

_JS_CALLER = lazy_re(
    r"\b(?:ctx|context)\s*\??\.\s*(?:session|user|auth|org\w*|tenant\w*|account|workspace|team|membership)\b"
    r"|\b(?:req|request)\s*\??\.\s*(?:user|auth|session|tenant|org\w*|account)\b|\bsession\s*\??\.\s*(?:user|org\w*|tenant\w*|account\w*|workspace\w*|team\w*)\b"
    r"|\bcurrentUser\b|\bres\s*\.\s*locals\b"
    r"|\buser\s*\??\.\s*(?:id|orgId|organizationId|tenantId|accountId|workspaceId|teamId|companyId)\b"
    r"|\bc\s*\.\s*(?:get\s*\(\s*['\"]|var\s*\.\s*)(?:user|session|auth|tenant|org|account|workspace|team|"
    r"jwtPayload)\w*"
    r"|\b(?:req|request)\s*\.\s*params\s*\.\s*(?:org|organization|tenant|account|workspace|team|company)\w*"
)
"""The caller (`req.user`, `ctx.session.user`, Hono's `c.get("workspaceId")`), or the parent of a nested
route whose membership middleware checked (`req.params.orgId` of `/orgs/:orgId/...`)."""
_PRISMA_CALL = lazy_re(
    r"(?<![\w$])(?:this\.)?(?:[A-Za-z_$][\w$]*\.)*(?:prisma|db|tx|client)\s*\.\s*(?P<model>[a-z][\w$]*)\s*\.\s*"
    r"(?P<method>findUnique(?:OrThrow)?|findFirst(?:OrThrow)?|findMany|update(?:Many)?|delete(?:Many)?|"
    r"count|upsert)\s*\("
)
_WHERE = lazy_re(r"\bwhere\s*:\s*\{")
_ORM_CALL = lazy_re(
    r"(?:(?<![\w$.])|(?<=\bthis\.))(?P<model>[A-Za-z_$][\w$]*)\s*\.\s*(?P<method>findOne(?:By)?(?:OrFail)?|"
    r"findByPk|findById(?:And(?:Update|Delete|Remove))?|findOneAnd(?:Update|Delete|Remove)|"
    r"(?:delete|update)One|destroy|update|delete)\s*\("
)
"""A TypeORM repository's, a Sequelize or a Mongoose model's lookup: `this.tickets.findOneBy({ id })`,
`Order.findOne({ where: { id, userId } })`, `Order.findByPk(id)`, `Note.findByIdAndDelete(id)`."""
_DRIZZLE_EQ = lazy_re(
    r"(?<![\w$.])eq\s*\(\s*(?P<table>[A-Za-z_$][\w$]*)\s*\.\s*(?P<field>[A-Za-z_$][\w$]*)\s*,\s*"
    r"(?P<value>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
"""Drizzle's `eq(notes.authorId, ctx.session.user.id)`."""
_KYSELY_WHERE = lazy_re(
    r"\.\s*where\s*\(\s*['\"](?:\w+\.)?(?P<field>\w+)['\"]\s*,\s*['\"]=['\"]\s*,\s*"
    r"(?P<value>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
"""Kysely's `.where("workspace_id", "=", c.get("workspaceId"))`."""
_KYSELY_TABLE = lazy_re(r"\.\s*(?:selectFrom|updateTable|deleteFrom)\s*\(\s*['\"](?P<table>\w+)")
_JS_PRIVILEGED = lazy_re(
    r"@(?:Roles|RequireRoles|Admin\w*|SuperAdmin\w*)\s*\(|@UseGuards\s*\([^)]*(?:Admin|Role|Staff)")
"""A NestJS method decorated for privileged callers only (`@Roles("admin")`, `@UseGuards(AdminGuard)`)."""
_BY_ID = frozenset({"findByPk", "findById", "findByIdAndUpdate", "findByIdAndDelete", "findByIdAndRemove"})
_ENTRY = lazy_re(r"^\s*(?:\.{3})?(?P<key>[A-Za-z_$][\w$]*)\s*(?::\s*(?P<value>.*))?$", re.DOTALL)
_HANDLER_HEADER = lazy_re(
    r"=>\s*$|\bfunction\b[^{]*$|^\s*(?:(?:export|default|public|private|protected|async|static|function)\s+)*"
    r"(?!(?:if|for|while|switch|catch|with)\b)[\w$]+\s*\(.*\)[^{=]*$"
)
"""The end of a function's header before its `{`: an arrow, `function (...)`, or a method's signature."""


def js_sibling_scope_hits(ctx: FileContext) -> Iterator[Hit]:
    """JS-LOOKUP-IGNORES-CALLER's second shape (see the module doc)."""
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    lookups: list[_Lookup] = []
    for no, code, _bare in lines_of(lexed):
        for call in _PRISMA_CALL.finditer(code):
            span = bracket_span(lexed, no, call.end() - 1)
            where = _WHERE.search(span.code)
            if where is None:
                continue
            inner = bracket_span_text(span.code, span.bare, where.end() - 1)
            if inner is None:
                continue
            keys = _where_keys(*inner)
            handler = next((b for b in blocks.enclosing(no) if _is_handler(b)),
                           None)
            text = "" if handler is None else _body_text(lexed, handler)
            handler_id = -no if handler is None else handler.first * 10000 + handler.col
            if handler is None and no in ctx.added:
                continue  # a lookup whose handler is not known entire cannot be judged
            lookups.append(_Lookup(no, call.group("model"), keys, text, handler_id))
        for call in _ORM_CALL.finditer(code):
            found = _orm_keys(lexed, no, call)
            if found is None:
                continue
            handler = next((b for b in blocks.enclosing(no) if _is_handler(b)),
                           None)
            if handler is None:
                continue
            above = "\n".join(lexed.code.get(n, "") for n in range(handler.first - 4, handler.first))
            if _JS_PRIVILEGED.search(above):
                continue  # a route only privileged staff reach
            text = _body_text(lexed, handler)
            lookups.append(_Lookup(no, call.group("model"), found, text, handler.first * 10000 + handler.col))
    lookups.extend(_builder_lookups(lexed, blocks))
    seen: set[int] = set()
    for hit in _findings(lookups, _JS_CALLER, ctx.added):
        if hit.line not in seen:
            seen.add(hit.line)
            yield hit


def _body_text(lexed: Lexed, block: Block) -> str:
    """The handler's body from its opening brace on (not the route path or parameters before it)."""
    lines = [lexed.code.get(n, "") for n in range(block.first, block.last + 1)]
    lines[0] = lines[0][block.col:]
    return "\n".join(lines)


def _builder_lookups(lexed: Lexed, blocks: Blocks) -> Iterator[_Lookup]:
    """Query-builder lookups, one per handler and table: Drizzle's `eq(notes.id, input.id)` (with the other
    `eq(notes.<field>, ...)` of the handler as its filter) and Kysely's `.where("id", "=", id)` in a handler
    that names one table (`selectFrom("documents")`, `updateTable`, `deleteFrom`). A handler that compares
    the caller's scope anywhere for the table counts as scoped."""
    per_handler: dict[int, tuple[Block, dict[str, dict[str, str]], dict[str, int], set[str]]] = {}
    for no, code, _bare in lines_of(lexed):
        found = [(m.group("table"), m.group("field"), m.group("value")) for m in _DRIZZLE_EQ.finditer(code)]
        wheres = [(m.group("field"), m.group("value")) for m in _KYSELY_WHERE.finditer(code)]
        tables = {m.group("table") for m in _KYSELY_TABLE.finditer(code)}
        if not (found or wheres or tables):
            continue
        handler = next((b for b in blocks.enclosing(no) if _is_handler(b)),
                       None)
        if handler is None:
            continue
        key = handler.first * 10000 + handler.col
        _block, keys, lines, named = per_handler.setdefault(key, (handler, {}, {}, set()))
        named |= tables
        for table, field, value in found:
            keys.setdefault(table, {})[field] = value.strip()
            if field == "id":
                lines.setdefault(table, no)
        for field, value in wheres:
            keys.setdefault("", {})[field] = value.strip()
            if field == "id":
                lines.setdefault("", no)
    for key, (handler, keys, lines, named) in per_handler.items():
        text = _body_text(lexed, handler)
        for table, fields in keys.items():
            if not table and len(named) != 1:
                continue  # the wheres cannot be told apart between several tables
            model = table or next(iter(named))
            line = lines.get(table)
            if line is not None:
                yield _Lookup(line, model, fields, text, key)


def _orm_keys(lexed: Lexed, no: int, call: re.Match[str]) -> dict[str, str] | None:
    """The filter of a TypeORM/Sequelize/Mongoose lookup: field -> value text (`_id` read as `id`)."""
    span = bracket_span(lexed, no, call.end() - 1)
    inside = span.code[1:-1].strip() if span.code.endswith(")") else ""
    if not inside:
        return None
    if call.group("method") in _BY_ID:
        first = split_top(span.bare[1:-1], span.code[1:-1], "([{", ")]}")
        return {"id": first[0].strip()} if first else None
    if not inside.startswith("{"):
        return None
    where = _WHERE.search(span.code)
    start = where.end() - 1 if where is not None else span.code.index("{")
    inner = bracket_span_text(span.code, span.bare, start)
    if inner is None:
        return None
    keys = _where_keys(*inner)
    if "_id" in keys:
        keys["id"] = keys.pop("_id")
    return keys


_CALLBACK = lazy_re(
    r"(?:\$?transaction|forEach|map|flatMap|filter|reduce|then|catch|finally|all|allSettled|some|every|find|"
    r"setTimeout|setImmediate|nextTick|queueMicrotask)\s*\([^()]*(?:\([^()]*\))?[^()]*=>\s*$"
)
"""A callback inside a handler (`prisma.$transaction(async (tx) => {`, `.map((x) => {`): part of the
handler around it, not a handler of its own."""


def _is_handler(block: Block) -> bool:
    end = _header_end(block.header)
    return bool(_HANDLER_HEADER.search(end)) and not _CALLBACK.search(end)


def _header_end(header: str) -> str:
    """The line of a block's header that holds its opening brace (the previous line when that is empty)."""
    previous, _, own = header.rpartition("\n")
    return own if own.strip() else previous


def bracket_span_text(code: str, bare: str, start: int) -> tuple[str, str] | None:
    """The inside of the `{...}` opening at `start` of `code` (and of its bare view), or None when it does
    not close in the text."""
    depth = 0
    for index in range(start, len(bare)):
        char = bare[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return bare[start + 1 : index], code[start + 1 : index]
    return None


def _where_keys(bare: str, code: str) -> dict[str, str]:
    """The top-level entries of a `where` object: field -> value text (a shorthand `{ id }` is `id: id`)."""
    keys: dict[str, str] = {}
    for entry in split_top(bare, code, "([{", ")]}"):
        found = _ENTRY.match(entry.strip())
        if found is None:
            continue
        key = found.group("key")
        keys[key] = (found.group("value") or key).strip()
    return keys
