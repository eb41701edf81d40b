"""A Python route that lacks the authorization guard its sibling routes in the same file have: a decorator
or dependency of a Flask/FastAPI/DRF route, or the guard wrapping the view of a Django URL conf entry."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._lexing import lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._py_hits import check
from persona_review.checks._pyflow import dotted, flows, may_have_routes
from persona_review.checks._route_guards import Route as RouteSeen
from persona_review.checks._route_guards import public, read_only, unguarded
from persona_review.checks._spans import bracket_span, python_block
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

# --- a route without its siblings' guard ------------------------------------------------------------------

_GUARD = lazy_re(r"login_required|permission_required|requires?_auth|auth_required|jwt_required|"
                    r"admin_required|roles?_required|user_passes_test|staff_member_required|"
                    r"permission_classes|requires_roles?|authenticated|protected|authorize", re.IGNORECASE)
_GUARD_DEP = lazy_re(r"current_user|auth|verify|token|admin|permission|require|account|user|session|login|"
                     r"role|staff|owner|member|api_?key|principal", re.IGNORECASE)
"""A dependency that resolves the caller (`Depends(check_account_exists)`, `Depends(check_super_user)`,
`Security(get_principal)`): the route knows who calls it, whatever the helper is named."""
_ROUTE = lazy_re(r"(?:^|\.)(?:route|get|post|put|patch|delete|api_route|view_config)$")
_DEPENDS = frozenset({"Depends", "Security"})
_MUTATING = lazy_re(r"(?:^|\.)(?:post|put|patch|delete)$")
_GUARD_KEYWORDS = frozenset({"guards", "permission", "permissions", "permission_classes", "auth", "roles"})
"""A route decorator's own guard: Litestar's `guards=[...]`, Pyramid's `permission="edit"`, Ninja's
`auth=`."""
_OPEN_VALUE = lazy_re(r"^(?:None|\[\]|\(\)|False|NO_PERMISSION_REQUIRED|\w*\.?NO_PERMISSION_REQUIRED|"
                      r"\[?AllowAny\]?)$")
_DB_DEPENDENCY = lazy_re(r"(?i)^(?:\w+\.)?(?:get_)?(?:async_)?(?:db_?)?(?:session|db|database|conn\w*|uow)$")
"""A dependency that hands the route a database session (`Depends(get_session)`): no caller is read."""


@dataclass(frozen=True, slots=True)
class Route:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    router: str
    """The object the route is registered on (`app`, `router`, `admin_bp`): siblings share it."""
    guarded: bool
    mutating: bool
    admin: bool


def _route(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Route | None:
    router = ""
    guarded = mutating = admin = False
    for deco in node.decorator_list:
        name = dotted(deco.func if isinstance(deco, ast.Call) else deco)
        text = ast.unparse(deco)
        if _ROUTE.search(name):
            router = name.rsplit(".", 1)[0] if "." in name else "<module>"
            mutating = mutating or bool(_MUTATING.search(name)) or bool(
                re.search(r"(?:methods|request_method)\s*=.*(POST|PUT|PATCH|DELETE)", text))
            admin = admin or "admin" in text.lower()
            if "dependencies" in text and _GUARD_DEP.search(text):
                guarded = True
            if isinstance(deco, ast.Call) and any(
                    k.arg in _GUARD_KEYWORDS and not _OPEN_VALUE.match(ast.unparse(k.value))
                    for k in deco.keywords):
                guarded = True
        elif _GUARD.search(name):
            guarded = True
    if not router:
        return None
    for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
        if isinstance(default, ast.Call) and dotted(default.func).rsplit(".", 1)[-1] in _DEPENDS \
                and _GUARD_DEP.search(ast.unparse(default)) \
                and not (default.args and _DB_DEPENDENCY.match(ast.unparse(default.args[0]))):
            guarded = True
    return Route(node, router, guarded, mutating, admin)


@check(
    "PY-ROUTE-NO-AUTH", "SEC-10", Severity.HIGH, "Route without the authorization its sibling routes have",
    "Most routes registered on the same app or router require an authenticated or authorized caller; this "
    "one does not, so anyone who finds the URL can call it. Add the same guard (decorator or dependency), "
    "or say in the code why this endpoint is public.")
def route_without_guard(ctx: FileContext) -> Iterator[Hit]:
    if _may_have_url_conf(ctx):
        yield from _url_conf_without_guard(ctx)
    if "AllowAny" in ctx.known_text():
        for flow in flows(ctx):
            yield from _admin_action_opened(flow.tree, flow.offset)
    if _VIEW_MODULE.search(ctx.known_text()):
        for flow in flows(ctx):
            yield from _views_without_guard(flow.tree, flow.offset)
    if not may_have_routes(ctx):
        return
    covered = _guarded_routers(ctx.known_text())
    for flow in flows(ctx):
        by_router: dict[str, list[Route]] = {}
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for node in functions:
            route = _route(node)
            if route is not None:
                by_router.setdefault(route.router, []).append(route)
        for router, registered in by_router.items():
            if router in covered:
                continue  # `APIRouter(dependencies=[Depends(check_admin)])`: every route is guarded
            routes = [route for route in registered if not _public_route(route.node)]
            guarded = sum(route.guarded for route in routes)
            if guarded < 2 or guarded * 2 < len(routes):
                continue
            for route in routes:
                if not route.guarded and (route.mutating or route.admin):
                    yield Hit(route.node.lineno + flow.offset, None,
                              f"`{route.node.name}` on `{router}` has no authorization guard, while "
                              f"{guarded} of its {len(routes)} sibling routes do.")


# --- Django views routed from a URL conf: function views and DRF API views -----------------------------

_VIEW_MODULE = lazy_re(r"\bpermission_classes\b|@(?:\w+\.)*(?:login_required|permission_required|"
                       r"user_passes_test|staff_member_required)\b")
_VIEW_BASES = lazy_re(r"\b(?:\w*APIView|\w*ViewSet|View|\w*Mixin)\b")
_WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
_WRITES_IN_BODY = lazy_re(r"\.(?:save|delete|update|create|bulk_\w+|approve|release\w*|archive|publish)\s*\(")
"""A view that changes records (its verb is not in view: the URL conf routes every method to it)."""
_STOCK_PERMISSION = lazy_re(r"^\[?(?:AllowAny|)\]?$")


def _views_without_guard(tree: ast.Module, offset: int) -> Iterator[Hit]:
    """Module-level views a URL conf routes: DRF API views (a class whose `permission_classes`, its own or
    a base class's in the file, is the guard) and function views (`@permission_required`,
    `@login_required`). Judged as the routes of one router (`_route_guards.unguarded`)."""
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    views: list[RouteSeen] = []
    for node in tree.body:
        bases = " ".join(ast.unparse(b) for b in node.bases) if isinstance(node, ast.ClassDef) else ""
        if isinstance(node, ast.ClassDef) and _VIEW_BASES.search(bases):
            methods = {f.name for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)}
            if not methods & (_WRITE_METHODS | {"get"}):
                continue  # a base class (its subclasses are the views)
            views.append(RouteSeen(node.lineno + offset, node.name, _class_guarded(node, classes, set()),
                                   bool(methods & _WRITE_METHODS) and not read_only(node.name), False,
                                   public("", node.name)))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.args.args \
                and node.args.args[0].arg == "request" and not node.name.startswith("_"):
            decorators = [ast.unparse(d) for d in node.decorator_list]
            names = [dotted(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
            if any(_ROUTE.search(name) for name in names):
                continue  # a routed function: the routes above
            writes = bool(_WRITES_IN_BODY.search(ast.unparse(node)))  # `@require_POST` alone: a form preview
            views.append(RouteSeen(node.lineno + offset, node.name, any(_GUARD.search(d) for d in decorators),
                                   writes and not read_only(node.name), False, public("", node.name)))
    found, share = unguarded(views)
    for view in found:
        yield Hit(view.line, None,
                  f"`{view.shown}` has no authorization guard, while {share} in this module do.")


def _class_guarded(node: ast.ClassDef, classes: dict[str, ast.ClassDef], seen: set[str]) -> bool:
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id in {
                "permission_classes", "permission_required"} for t in stmt.targets):
            return not _STOCK_PERMISSION.match(ast.unparse(stmt.value).replace(" ", ""))
    for base in node.bases:
        name = ast.unparse(base).rsplit(".", 1)[-1]
        if _GUARD.search(name) or re.search(r"LoginRequired|PermissionRequired|UserPassesTest|Staff", name):
            return True
        parent = classes.get(name)
        if parent is not None and name not in seen:
            seen.add(name)
            if _class_guarded(parent, classes, seen):
                return True
    return False


_ROUTER_MADE = lazy_re(r"^[ \t]*(\w+)\s*=\s*(?:fastapi\.)?APIRouter\s*\(", re.MULTILINE)


def _guarded_routers(text: str) -> set[str]:
    """FastAPI routers made with a guarding dependency for all their routes (`APIRouter(prefix=...,
    dependencies=[Depends(check_admin)])`), read from the call's text (up to its closing parenthesis)."""
    if "APIRouter" not in text:
        return set()
    out: set[str] = set()
    for found in _ROUTER_MADE.finditer(text):
        depth, end = 1, found.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        call = text[found.end():end]
        deps = call.split("dependencies", 1)
        if len(deps) == 2 and "Depends" in deps[1] and _GUARD_DEP.search(deps[1]):
            out.add(found.group(1))
    return out


def _public_route(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A route public by nature (sign-in, sign-up, password reset, webhooks: `_route_guards.public`),
    from its decorator's path and the function's name: never reported, and not counted among siblings."""
    for deco in node.decorator_list:
        if not isinstance(deco, ast.Call) or not _ROUTE.search(dotted(deco.func)):
            continue
        path = deco.args[0].value if deco.args and isinstance(deco.args[0], ast.Constant) else ""
        verb = dotted(deco.func).rsplit(".", 1)[-1]
        return public(path if isinstance(path, str) else "", node.name, verb)
    return False


# --- a DRF action opened to anyone on an admin-only view set ---------------------------------------------

_ADMIN_PERMISSION = lazy_re(r"Admin|Staff|Superuser")
_MUTATING_VERB = lazy_re(r"^(?:post|put|patch|delete)$", re.IGNORECASE)


def _names(node: ast.expr) -> set[str]:
    """The permission class names in `[IsAdminUser]`, `(permissions.IsAdminUser, IsOwner)`."""
    items = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
    return {dotted(item).rsplit(".", 1)[-1] for item in items}


def _admin_action_opened(tree: ast.Module, offset: int) -> Iterator[Hit]:
    """`@action(methods=["post"], permission_classes=[AllowAny])` on a view set whose own
    `permission_classes` let only admins or staff in (`IsAdminUser`): the action's list replaces the
    class's, so the write answers anyone, signed in or not. Actions public by nature (a sign-up, a
    password reset, a webhook) are left alone, and so are reads."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        own = next((stmt.value for stmt in cls.body if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "permission_classes" for t in stmt.targets)), None)
        if own is None or not any(_ADMIN_PERMISSION.search(name) for name in _names(own)):
            continue
        for method in cls.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for deco in method.decorator_list:
                if not (isinstance(deco, ast.Call) and dotted(deco.func).rsplit(".", 1)[-1] == "action"):
                    continue
                options = {kw.arg: kw.value for kw in deco.keywords if kw.arg}
                permissions = options.get("permission_classes")
                verbs = options.get("methods")
                if permissions is None or verbs is None or "AllowAny" not in _names(permissions):
                    continue
                written = [item.value for item in getattr(verbs, "elts", [])
                           if isinstance(item, ast.Constant) and isinstance(item.value, str)
                           and _MUTATING_VERB.match(item.value)]
                url = next((kw.value.value for kw in deco.keywords if kw.arg == "url_path"
                            and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)), "")
                if not written or public(url, method.name, "post"):
                    continue
                yield Hit(deco.lineno + offset, None,
                          f"`{method.name}` ({written[0].upper()}) is given "
                          f"`permission_classes=[AllowAny]` on "
                          f"`{cls.name}`, whose own permission classes let only admins in: an action's list "
                          "replaces the view set's, so anyone can call it, signed in or not.")


# --- a Django URL conf entry without its siblings' wrapper ---------------------------------------------

_URL_ENTRY = lazy_re(r"^\s*(?:[\w.]+\.)?(?:re_path|path|url)\s*\(")
_DEF_NAME = lazy_re(r"^\s*def\s+(\w+)\s*\(")
_PUBLIC = lazy_re(r"(?i)log_?in|log_?out|sign_?(?:up|in|out)|register|password|health|ready|live|ping|status|"
                  r"webhook|callback|public|robots|sitemap|favicon|static|media|oauth|sso|verify|confirm")
"""Routes that are public by their nature: the way in, the probes, the calls from other services."""


def _may_have_url_conf(ctx: FileContext) -> bool:
    """A Django URL conf: a whole file names `urlpatterns` or imports `django.urls` (`path`, `re_path`); a
    hunk may show only entries (`path("orders/", views.orders)`)."""
    text = ctx.known_text()
    if "urlpatterns" in text or "django.urls" in text or "django.conf.urls" in text:
        return True
    return not ctx.whole_file and "views" in text and any(f"path({q}" in text for q in "\"'r")


def _url_conf_without_guard(ctx: FileContext) -> Iterator[Hit]:
    """`path("orders/<pk>/refund/", views.refund)` among entries that wrap their view in a guard
    (`staff(views.order)`, `login_required(views.order)`, `permission_required("x")(views.order)`), where a
    local wrapper is a guard when its body calls one (`def staff(view): return staff_member_required(view)`).
    Only a plain view reference is reported, only when at least two entries and most of those that can be
    told are guarded, and not for routes public by nature (login, health, webhooks). Read entry by entry,
    so a hunk that shows part of the list is read as well as the whole file."""
    lexed = lex(ctx)
    wrappers: set[str] = set()
    entries: list[tuple[int, int, ast.Call]] = []
    for no in sorted(lines_containing(lexed.bare, ("def ", "path(", "url("))):
        bare = lexed.bare[no]
        defined = _DEF_NAME.match(bare)
        if defined is not None:
            body = python_block(lexed, no)
            if any(_GUARD.search(lexed.code[n]) for n in body if n != no):
                wrappers.add(defined.group(1))
            continue
        if not _URL_ENTRY.match(bare):
            continue
        opened = bare.index("(")
        span = bracket_span(lexed, no, opened)
        try:
            tree = ast.parse(lexed.code[no][:opened].strip() + span.code, mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Call):
            entries.append((no, span.last, tree.body))
    guarded = 0
    plain: list[tuple[int, int, ast.Call, ast.expr]] = []
    for no, last, call in entries:
        view = call.args[1] if len(call.args) > 1 else next(
            (k.value for k in call.keywords if k.arg == "view"), None)
        if isinstance(view, ast.Call):
            wrapper = view.func.func if isinstance(view.func, ast.Call) else view.func
            name = dotted(wrapper)
            guarded += bool(_GUARD.search(name) or name.rsplit(".", 1)[-1] in wrappers)
        elif isinstance(view, (ast.Name, ast.Attribute)) and not _PUBLIC.search(ast.unparse(call)):
            plain.append((no, last, call, view))
    if guarded < 2 or guarded < 2 * len(plain):
        return
    for no, last, _call, view in plain:
        yield Hit(no, last, f"`{dotted(view)}` is routed without the guard that wraps {guarded} of its "
                            f"sibling views in this URL conf.")


# --- a nested DRF queryset not scoped to the user, where its siblings are ------------------------------

_GET_QUERYSET = lazy_re(r"^\s*def\s+get_queryset\s*\(\s*self\b")
_URL_KWARGS = lazy_re(r"\bself\.kwargs\s*(?:\[|\.get\()")
_USER_SCOPED = lazy_re(
    r"=\s*(?:self\.)?request\.user\b|\brequest\.user\.\w+|\bfor_user\s*\(|\bvisible_to\s*\(")
_SIBLING_SCOPE = lazy_re(
    r"\w__\w+\s*=\s*(?:self\.)?request\.user\b|\.filter\([^)]*\brequest\.user\b|\bfor_user\s*\("
    r"|\bvisible_to\s*\(")
"""A query limited to the user's rows (a lookup through a relation, a filter, a manager method), not a
write that stamps the user (`serializer.save(author=self.request.user)`)."""
_OWN_PERMISSION = lazy_re(r"\bpermission_classes\s*=\s*[\[(](?P<names>[^\])]*)")
_STOCK_PERMISSIONS = frozenset({"IsAuthenticated", "IsAuthenticatedOrReadOnly", "AllowAny", ""})


@check(
    "PY-NESTED-QUERYSET-UNSCOPED", "SEC-10", Severity.HIGH,
    "Nested view's queryset filtered by the URL's parent ids only, where sibling views also scope to the "
    "user",
    "Other querysets in this file limit the rows to what the requesting user may see (`...__user="
    "self.request.user`); this one takes the parent ids from the URL (`self.kwargs[...]`) and trusts them, "
    "so any signed-in user reads or changes the children of a parent they do not belong to by putting its id "
    "in the URL. Scope it the way its siblings do, or check the parent's membership first.",
    needs=("get_queryset",),
)
def nested_queryset_unscoped(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    candidates: list[tuple[int, list[int]]] = []
    for no in sorted(lines_containing(lexed.bare, ("get_queryset",))):
        if not _GET_QUERYSET.match(lexed.bare[no]):
            continue
        body = python_block(lexed, no)
        text = "\n".join(lexed.code[n] for n in body)
        if _URL_KWARGS.search(text) and not _USER_SCOPED.search(text) and "request" not in text:
            candidates.append((no, body))
    if not candidates:
        return
    scoped = [n for n in lines_containing(lexed.code, ("request.user", "for_user", "visible_to"))
              if _SIBLING_SCOPE.search(lexed.code[n])]
    for no, body in candidates:
        if not any(n not in body for n in scoped) or _own_permission(lexed.code, no) \
                or _actions_checked(lexed.code, no):
            continue  # no other queryset scopes its rows to the user, or a permission check of its own
        yield Hit(no, body[-1] if body else None,
                  "`get_queryset` trusts the parent ids in the URL (`self.kwargs`) and never limits the rows "
                  "to the requesting user, while other querysets in this file do.")


def _own_permission(code: dict[int, str], line: int) -> bool:
    """Whether the class around `line` names a permission class of its own (beyond DRF's stock ones), one
    that may check the parent's membership: looked for in the lines above, up to the class line."""
    for no in range(line - 1, max(0, line - 40), -1):
        text = code.get(no)
        if text is None:
            return False
        found = _OWN_PERMISSION.search(text)
        if found is not None:
            names = {part.strip().rsplit(".", 1)[-1] for part in found.group("names").split(",")}
            return not names <= _STOCK_PERMISSIONS
        if text.lstrip().startswith("class "):
            return False
    return False


_CHECK_DECORATOR = lazy_re(
    r"^\s*@[\w.]*(?:permission|allow|require|role|member|access)\w*\s*\(", re.IGNORECASE
)
"""A permission decorator on a view's action (`@allow_permission([ROLE.ADMIN, ROLE.MEMBER])`,
`@permission_required(...)`, `@require_project_member(...)`): it checks the caller against the parent the
URL names before the action reads the queryset."""


def _actions_checked(code: dict[int, str], line: int) -> bool:
    """Whether the class around `line` (its `get_queryset`) puts a permission decorator on an action."""
    indent = len(code.get(line, "")) - len(code.get(line, "").lstrip())
    start = line
    while start - 1 in code:
        text = code[start - 1]
        start -= 1
        if text.strip() and len(text) - len(text.lstrip()) < indent:
            break  # the class line
    no = start + 1
    while no in code:
        text = code[no]
        if text.strip() and len(text) - len(text.lstrip()) < indent:
            return False  # past the class's end
        if "@" in text and _CHECK_DECORATOR.match(text):
            return True
        no += 1
    return False
