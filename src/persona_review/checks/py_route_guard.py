"""A Python route that lacks the authorization guard its sibling routes in the same file have."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._py_hits import check
from persona_review.checks._pyflow import dotted, flows, may_have_routes
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

# --- a route without its siblings' guard ------------------------------------------------------------------

_GUARD = lazy_re(r"login_required|permission_required|requires?_auth|auth_required|jwt_required|"
                    r"admin_required|roles?_required|user_passes_test|staff_member_required|"
                    r"permission_classes|requires_roles?|authenticated|protected|authorize", re.IGNORECASE)
_GUARD_DEP = lazy_re(r"current_user|auth|verify|token|admin|permission|require", re.IGNORECASE)
_ROUTE = lazy_re(r"(?:^|\.)(?:route|get|post|put|patch|delete|api_route)$")
_DEPENDS = frozenset({"Depends", "Security"})
_MUTATING = lazy_re(r"(?:^|\.)(?:post|put|patch|delete)$")


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
            router = name.rsplit(".", 1)[0]
            mutating = mutating or bool(_MUTATING.search(name)) or bool(
                re.search(r"methods\s*=.*(POST|PUT|PATCH|DELETE)", text))
            admin = admin or "admin" in text.lower()
            if "dependencies" in text and _GUARD_DEP.search(text):
                guarded = True
        elif _GUARD.search(name):
            guarded = True
    if not router:
        return None
    for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
        if isinstance(default, ast.Call) and dotted(default.func).rsplit(".", 1)[-1] in _DEPENDS \
                and _GUARD_DEP.search(ast.unparse(default)):
            guarded = True
    return Route(node, router, guarded, mutating, admin)


@check(
    "PY-ROUTE-NO-AUTH", "SEC-10", Severity.HIGH, "Route without the authorization its sibling routes have",
    "Most routes registered on the same app or router require an authenticated or authorized caller; this "
    "one does not, so anyone who finds the URL can call it. Add the same guard (decorator or dependency), "
    "or say in the code why this endpoint is public.")
def route_without_guard(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_routes(ctx):
        return
    for flow in flows(ctx):
        by_router: dict[str, list[Route]] = {}
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for node in functions:
            route = _route(node)
            if route is not None:
                by_router.setdefault(route.router, []).append(route)
        for router, routes in by_router.items():
            guarded = sum(route.guarded for route in routes)
            if guarded < 2 or guarded * 2 < len(routes):
                continue
            for route in routes:
                if not route.guarded and (route.mutating or route.admin):
                    yield Hit(route.node.lineno + flow.offset, None,
                              f"`{route.node.name}` on `{router}` has no authorization guard, while "
                              f"{guarded} of its {len(routes)} sibling routes do.")
