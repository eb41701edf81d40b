"""Python (FastAPI): a route that asks who is calling, then loads a record by the id in its path without
using the answer.

    @router.get("/{invoice_id}/pdf")
    async def invoice_pdf(
        invoice_id: int,
        user: User = Depends(current_user),        # authenticated ...
        session: AsyncSession = Depends(get_session),
    ):
        invoice = await session.get(Invoice, invoice_id)   # ... but any user's invoice

The route depends on the caller's identity (a parameter whose `Depends(...)`/`Security(...)` names the
current user, account, principal or tenant), so the record is the caller's business; but it loads the record
by the path's id alone and never reads that parameter again. Any signed-in user reads or changes another
user's record by changing the id (an insecure direct object reference).

Reported on the lookup: in a route (a decorator `@app.get`/`@router.post`/`api_route`... with a path), a
path parameter (named in the route's `{...}`) passed to a lookup: `session.get(Model, id)`, `db.get`,
`Model.get(id)`, `.filter_by(id=...)`, `.filter(Model.id == ...)`, `.where(Model.id == ...)`,
`get_object_or_404`, `.objects.get(pk=...)`, a repository's `get...(id)`, when the identity parameter is
not used anywhere in the route's body (not in a query, a comparison, a helper call or the answer). Routes
whose identity is only a guard by design (`dependencies=[Depends(...)]`, a parameter named `_`) are not
read: they ask for no caller to scope by.

A second shape, in any Django view (Django Ninja, plain views, DRF): a lookup by id that leaves out the
tenant or owner filter the file's other lookups of the same model take from the caller (`_sibling_scope`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._caller_use import scoping_use
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._sibling_scope import py_sibling_scope_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ROUTE = lazy_re(r"(?:^|\.)(?:get|post|put|patch|delete|api_route)$")
_DEPENDS = frozenset({"Depends", "Security"})
_IDENTITY = lazy_re(
    r"(?i)(?:current|active|auth\w*|logged_?in|request)_?(?:user|account|principal|member|tenant|identity|"
    r"actor|customer|org\w*)|get_(?:current_)?(?:user|account|principal|tenant|identity|member)\b|"
    r"(?:user|principal|identity|tenant|account)_from_\w+|\bcurrent_\w+"
)
"""A dependency that answers who is calling: `current_user`, `get_current_active_user`, `auth_user`."""
_TEST_PATH = lazy_re(r"(?:^|/)(?:tests?|testing)/|(?:^|/)(?:test_\w+|\w+_test|conftest)\.py$")
_LOOKUP_METHODS = frozenset({"get", "get_or_404", "first_or_404", "find", "find_one", "fetch", "load",
                             "filter_by", "filter", "where", "get_object_or_404", "one", "scalar"})
_PATH_PARAM = lazy_re(r"\{(\w+)(?::[^}]*)?\}|<(?:\w+:)?(\w+)>")


@register(
    CheckSpec(
        id="PY-LOOKUP-NOT-CALLER-SCOPED",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Route asks who is calling, then loads the record by its id alone",
        explanation=(
            "The route depends on the caller's identity but never uses it: the record is found by the id "
            "in the path, so any signed-in user reads or changes another user's record by changing the id. "
            "Scope the lookup by the caller (`where(Model.id == id, Model.user_id == user.id)`) or compare "
            "the record's owner with the caller and answer 404."
        ),
    ),
    needs=("Depends(", "Security(", "get_object_or_404", ".objects.", "current_user", "request.user",
           "g.user", "req.context."),
)
def lookup_not_caller_scoped(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    yield from py_sibling_scope_hits(ctx)
    yield from _signed_in_unscoped(ctx)
    if "Depends(" not in ctx.known_text() and "Security(" not in ctx.known_text():
        return
    seen: set[int] = set()
    for flow in flows(ctx):
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for node in functions:
            found = _unscoped(node)
            if found is None:
                continue
            line, identity, param = found
            line += flow.offset
            if line in seen or line not in ctx.added:
                continue
            seen.add(line)
            yield Hit(line, None, (
                f"`{node.name}` asks for the caller (`{identity}`) but never uses it: the record is loaded "
                f"by `{param}` from the path alone, so any signed-in user gets another user's record by "
                f"changing the id. Scope the lookup by `{identity}` or compare the record's owner with it."))


def _unscoped(node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[int, str, str] | None:
    path_params = _route_params(node)
    if not path_params:
        return None
    args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    defaults = dict(zip(reversed(node.args.posonlyargs + node.args.args), reversed(node.args.defaults),
                        strict=False))
    defaults.update({a: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
                     if d is not None})
    identity = ""
    for arg in args:
        default = defaults.get(arg)
        marker = _depends_target(default) or _annotated_depends(arg.annotation)
        if marker and _IDENTITY.search(marker) and arg.arg != "_":
            identity = arg.arg
            break
    if not identity:
        return None
    used = {n.id for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    if identity in used:
        return None
    params = path_params & {a.arg for a in args}
    for stmt in node.body:
        for call in (n for n in ast.walk(stmt) if isinstance(n, ast.Call)):
            param = _looked_up(call, params)
            if param:
                return call.lineno, identity, param
    return None


def _route_params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names in the route decorator's path (`"/{receipt_id}/pdf"` -> {"receipt_id"})."""
    out: set[str] = set()
    for deco in node.decorator_list:
        if not isinstance(deco, ast.Call) or not _ROUTE.search(dotted(deco.func)):
            continue
        if any(k.arg == "dependencies" for k in deco.keywords):
            return set()  # a guard-only dependency: there is no caller parameter to scope by
        for arg in deco.args[:1]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.update(a or b for a, b in _PATH_PARAM.findall(arg.value))
    return out


def _depends_target(default: ast.expr | None) -> str:
    if isinstance(default, ast.Call) and dotted(default.func).rsplit(".", 1)[-1] in _DEPENDS:
        return ast.unparse(default)
    return ""


def _annotated_depends(annotation: ast.expr | None) -> str:
    """`user: Annotated[User, Depends(current_user)]`, or an alias the file names `CurrentUser`."""
    if annotation is None:
        return ""
    text = ast.unparse(annotation)
    if "Depends(" in text or "Security(" in text:
        return text
    return text if re.fullmatch(r"Current\w+|\w*Current(?:User|Account|Principal)\w*", text) else ""


def _looked_up(call: ast.Call, params: set[str]) -> str:
    """The path parameter `call` looks a record up by, or ""."""
    name = dotted(call.func).rsplit(".", 1)[-1]
    if name not in _LOOKUP_METHODS and not name.startswith(("get_", "find_", "fetch_", "load_")):
        return ""
    for value in [*call.args, *(k.value for k in call.keywords if k.arg in {None, "id", "pk", "uuid"}
                               or (k.arg or "").endswith("_id"))]:
        if isinstance(value, ast.Name) and value.id in params:
            return value.id
        if (isinstance(value, ast.Compare) and isinstance(value.comparators[0], ast.Name)
                and value.comparators[0].id in params and isinstance(value.left, ast.Attribute)
                and value.left.attr in {"id", "pk", "uuid"}):
            return value.comparators[0].id
    return ""


# --- A signed-in route (Flask-Login, Quart) that uses the caller only to stamp or log -----------------------

_SIGNED_IN = lazy_re(r"(?:^|\.)(?:login_required|auth_required|jwt_required|fresh_login_required)$")
_CALLER_MENTION = lazy_re(r"\bcurrent_user\b|\bg\.(?:user|account)\b|\brequest\.user\b")


def _signed_in_unscoped(ctx: FileContext) -> Iterator[Hit]:
    """A route only signed-in callers reach (`@login_required`) that loads a record by its path's id alone
    (`db.session.get(Document, doc_id)`) and uses the caller for other things than scoping it
    (`doc.updated_by_id = current_user.id`): `_caller_use`."""
    if not _CALLER_MENTION.search(ctx.known_text()):
        return
    for flow in flows(ctx):
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for node in functions:
            decorators = [dotted(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
            if not any(_SIGNED_IN.search(d) for d in decorators):
                continue
            params = _route_params(node) & {a.arg for a in node.args.args}
            if not params:
                continue
            first = node.body[0].lineno + flow.offset
            last = (node.end_lineno or node.lineno) + flow.offset
            lines = [(n, ctx.lines[n]) for n in range(first, last + 1) if n in ctx.lines]
            if not any(_CALLER_MENTION.search(text) for _n, text in lines):
                continue  # the caller is not read here at all: the sibling shape's business
            ids = re.compile("|".join(rf"(?<![\w.]){re.escape(p)}\b" for p in sorted(params)))
            for stmt in node.body:
                found = next(((call, param) for call in ast.walk(stmt) if isinstance(call, ast.Call)
                              and (param := _looked_up(call, params))), None)
                if found is None:
                    continue
                call, param = found
                line = call.lineno + flow.offset
                record = stmt.targets[0].id if isinstance(stmt, ast.Assign) and isinstance(
                    stmt.targets[0], ast.Name) else ""
                span = (line, (call.end_lineno or call.lineno) + flow.offset)
                if line in ctx.added and scoping_use(lines, _CALLER_MENTION, span, ids=ids,
                                                     records=[record]) is None:
                    yield Hit(line, None, (
                        f"`{node.name}` is for signed-in callers and loads the record by `{param}` from the "
                        "path alone; the caller is only stamped on it or logged, so any signed-in user "
                        "reaches another user's record by changing the id. Scope the lookup by the caller "
                        "or compare the record's owner with it and answer 404."))
                break
