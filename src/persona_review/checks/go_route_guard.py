"""A Go route (gin, echo, chi, fiber, net/http 1.22 patterns) without the auth middleware its siblings have.

Routes are grouped by the router or group they are registered on. A route is guarded when a middleware
argument reads as a guard (`r.POST("/x", authMiddleware(), h)`, echo's `e.POST("/x", h, requireAdmin)`,
chi's `r.With(jwtauth.Verifier(ta)).Post(...)`), when the handler is wrapped in one (`requireAuth(h)`), or
when its group was made with one (`r.Group("/admin", auth)`) or had one added with `.Use(...)` before the
route (chi's `r.Group(func(r chi.Router) { r.Use(auth); ... })` and `r.Route("/p", func(r chi.Router) {
...})` too). A receiver counts only when the known lines show it made as a router or group, or received
as one (`func routes(r *gin.RouterGroup)`), so HTTP clients and a hunk without the router's origin are
left alone. The rule and the words are `_route_guards`'s.

Routes declared as rows of a table that a loop registers (`{"POST", "/v1/refunds", h.Refund, staff}`) are
siblings too: each row's middleware chain is read from the variables that build it (`staff :=
append(append([]gin.HandlerFunc{}, authed...), mw.RequireRole("support"))`), and a row whose chain holds no
guard is compared with the rows around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._call_args import after_call, arguments, literal
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._route_guards import (
    GUARD,
    LONE_SIBLINGS,
    ROLE_GUARD,
    Route,
    lone_exception,
    message,
    missing_role,
    public,
    read_only,
    role_message,
    unguarded,
)
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ROOT = lazy_re(
    r"(?<![\w.])(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*:?=\s*"
    r"(?:gin\.(?:Default|New)|echo\.New|chi\.(?:NewRouter|NewMux)|http\.NewServeMux|mux\.NewRouter|fiber\.New)\(")
_PARAM = lazy_re(
    r"(?<![\w.])([A-Za-z_]\w*)\s+\*?(?:gin\.(?:Engine|RouterGroup|IRouter|IRoutes)|echo\.(?:Echo|Group)|"
    r"chi\.(?:Router|Mux)|mux\.Router|http\.ServeMux|fiber\.(?:App|Router|Group))\b")
_GROUP = lazy_re(r"(?<![\w.])([A-Za-z_]\w*)\s*:?=\s*(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*\.\s*Group\(")
_NESTED = lazy_re(r"(?<![\w.])([A-Za-z_]\w*)\s*\.\s*(?:Group|Route)(\()(?:\s*\"[^\"\n]*\"\s*,)?\s*func\s*"
                     r"\(\s*([A-Za-z_]\w*)\s+chi\.Router\s*\)")
_USE = lazy_re(r"(?<![\w.])(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*\.\s*Use\(")
_CALL = lazy_re(
    r"(?<![\w.])((?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*)((?:\s*\.\s*With\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\))?)\s*\.\s*"
    r"(GET|POST|PUT|PATCH|DELETE|Any|Get|Post|Put|Patch|Delete|HandleFunc|Handle)\(")
_INLINE = lazy_re(r"\s*func\b")
_CHAINED_USE = lazy_re(r"\s*\.\s*Use\(")
_CALLEE = lazy_re(r"\s*&?([A-Za-z_][\w.]*)")
_WRITE = lazy_re(r"^(?:POST|PUT|PATCH|DELETE|Post|Put|Patch|Delete)$")
_PATTERN_VERB = lazy_re(r"^(POST|PUT|PATCH|DELETE|GET)\s+")


@register(
    CheckSpec(
        id="GO-ROUTE-NO-AUTH",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Route without the auth middleware its sibling routes have",
        explanation=(
            "Most routes registered on the same router or group pass through an authentication or "
            "authorization middleware; this one does not, so anyone who finds the URL can call it. Pass "
            "the same middleware, register the route on the guarded group, or say in the code why this "
            "endpoint is public."
        ),
    ),
    needs=("POST(", "PUT(", "PATCH(", "DELETE(", "Post(", "Put(", "Patch(", "Delete(", "HandleFunc(",
           "Handle(", "admin", "Admin", '"POST"', '"PUT"', '"PATCH"', '"DELETE"', "MethodPost", "MethodPut",
           "MethodPatch", "MethodDelete"),
)
def route_without_guard(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    echo = "labstack/echo" in ctx.known_text()
    for numbers in lexed.segments:
        bare = "\n".join(lexed.bare[n] for n in numbers)
        if "(" not in bare:
            continue
        code = "\n".join(lexed.code[n] for n in numbers)
        yield from _segment(bare, code, numbers, echo)
    if not ctx.path.endswith("_test.go"):
        yield from _route_tables(lexed)


_TABLE_ROW = lazy_re(
    r"^\s*\{\s*(?:\"(?P<verb>GET|POST|PUT|PATCH|DELETE)\"|http\.Method(?P<named>Get|Post|Put|Patch|Delete))\s*,"
    r"\s*\"(?P<path>/[^\"\n]*)\"\s*,\s*(?P<handler>&?[A-Za-z_][\w.]*)\s*,\s*"
    r"(?P<chain>nil|(?!(?:true|false)\b)[A-Za-z_]\w*|\[\][\w.*]+\{[^{}\n]*\}|append\([^\n]*\))\s*\}\s*,?\s*$"
)
"""A row of a route table (`{"POST", "/v1/refunds", h.Refund, staff}`): method, path, handler and the
middleware chain the loop that registers the table passes (a variable, an inline slice, an `append`, or
nil). A table without a chain column (a test's `{method, path, wantStatus}`) is not one."""
_CHAIN_DEF = lazy_re(
    r"^\s*(?:var\s+)?(?P<name>[A-Za-z_]\w*)\s*(?:\[\][\w.]+\s*)?:?=\s*(?P<value>(?:\[\]|append\s*\()[^\n]*)$"
)
"""A middleware chain made in a variable: a slice literal, or `append` of other chains and middleware."""
_CHAIN_NAME = lazy_re(r"[A-Za-z_][\w.]*")
_TABLE_GAP = 2
"""Lines (blank, comments) between two rows of one table, at most."""


def _route_tables(lexed: Lexed) -> Iterator[Hit]:
    """Routes declared as rows of a table that a loop registers, each row with its middleware chain: a row
    whose chain has no guard, in a table whose other rows' chains do, is the route left open (the chains
    are read from the variables that build them, `staff := append(authed, mw.RequireRole("support"))`)."""
    rows: list[tuple[int, re.Match[str]]] = []
    for no in sorted(lines_containing(lexed.code, ('"/',))):
        row = _TABLE_ROW.match(lexed.code.get(no, ""))
        if row is not None:
            rows.append((no, row))
    if len(rows) <= LONE_SIBLINGS:
        return
    chains: dict[str, str] = {}
    for no in sorted(lines_containing(lexed.bare, ("[]", "append("))):
        made = _CHAIN_DEF.match(lexed.code.get(no, ""))
        if made is not None:
            chains.setdefault(made.group("name"), made.group("value"))
    tables: list[list[Route]] = []
    last = -_TABLE_GAP - 2
    for no, row in rows:
        if no - last > _TABLE_GAP + 1 or any(n not in lexed.code for n in range(last + 1, no)):
            tables.append([])
        last = no
        verb = (row.group("verb") or row.group("named") or "").upper()
        path, handler = row.group("path"), row.group("handler").lstrip("&")
        guarded = _chain_guarded(row.group("chain") or "", chains, 0) or _wrapper(handler)
        shown = f'{{"{verb}", "{path}", {handler}, ...}}'
        mutating = bool(_WRITE.match(verb)) and not read_only(handler)
        tables[-1].append(Route(no, shown, guarded, mutating, "admin" in path.lower(),
                                public(path, handler, verb)))
    for routes in tables:
        found, share = unguarded(routes)
        for route in found:
            yield Hit(route.line, None, message(route, "the route table", share),
                      sure=lone_exception(routes, route))


def _chain_guarded(chain: str, chains: dict[str, str], depth: int) -> bool:
    """Whether a middleware chain (as written in a row, or a variable's value) holds a guard, itself or
    through the chains it is built from."""
    if depth > 4:
        return False
    for name in _CHAIN_NAME.findall(chain):
        if GUARD.search(name):
            return True
        if name in chains and _chain_guarded(chains[name], {k: v for k, v in chains.items() if k != name},
                                             depth + 1):
            return True
    return False


@dataclass(slots=True)
class _Router:
    name: str
    offset: int
    guarded: bool
    """Made guarded: a group made with a guard, or from a guarded router."""
    uses: list[int]
    """Offsets of the `.Use(guard)` calls on it."""
    until: int | None = None
    """Where its name stops meaning it: the end of the function literal whose parameter it is."""
    parent: _Router | None = None
    prefix: str = ""
    """The path its routes are under, its parents' prefixes included (`r.Group("/api")`, chi's `r.Route`)."""

    def below(self, other: _Router) -> bool:
        """Whether this router is made from `other`, directly or through groups between them."""
        at = self.parent
        while at is not None:
            if at is other:
                return True
            at = at.parent
        return False

    def guarded_at(self, offset: int) -> bool:
        return self.guarded or any(at < offset for at in self.uses)


def _segment(bare: str, code: str, numbers: list[int], echo: bool) -> Iterator[Hit]:
    starts = [0]
    for match in re.finditer("\n", bare):
        starts.append(match.end())

    routers: list[_Router] = []

    def find(name: str, offset: int) -> _Router | None:
        """The router `name` means at `offset`: the latest one of that name made or received before it."""
        best: _Router | None = None
        for router in routers:
            if router.name == name and router.offset < offset < (router.until or len(bare)):
                best = router
        return best

    events: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in (("root", _ROOT), ("param", _PARAM), ("group", _GROUP), ("nested", _NESTED),
                          ("use", _USE), ("route", _CALL)):
        events.extend((m.start(), kind, m) for m in pattern.finditer(bare))
    events.sort(key=lambda event: event[0])
    nested = {m.start(3) for offset, kind, m in events if kind == "nested"}  # chi's `func(r chi.Router)`
    by_router: dict[int, list[Route]] = {}
    names: dict[int, str] = {}
    placed: list[tuple[_Router, str, Route]] = []  # each route with its router and its full path
    for offset, kind, match in events:
        if kind in {"root", "param"}:
            if offset in nested:
                continue
            routers.append(_Router(match.group(1), offset, False, []))
        elif kind == "group":
            parent = find(match.group(2), offset)
            if parent is None:
                continue
            parsed = arguments(bare, code, match.end(), _INLINE)
            own = parsed is not None and any(_guarding(arg) for arg in parsed[0][1:])
            own = own or _chained_use(bare, code, match.end())
            prefix = (literal(parsed[0][0]) or "") if parsed is not None and parsed[0] else ""
            routers.append(_Router(match.group(1), offset, own or parent.guarded_at(offset), [],
                                   parent=parent, prefix=parent.prefix + prefix))
        elif kind == "nested":
            parent = find(match.group(1), offset)
            if parent is not None:
                until = after_call(bare, match.end(2)) or len(bare)
                head = _NESTED_PREFIX.match(bare, match.end(2))
                routers.append(_Router(match.group(3), match.end(), parent.guarded_at(offset), [], until,
                                       parent=parent, prefix=parent.prefix + (head.group(1) if head else "")))
        elif kind == "use":
            router = find(match.group(1), offset)
            parsed = arguments(bare, code, match.end(), _INLINE)
            if router is not None and parsed is not None and any(_guarding(arg) for arg in parsed[0]):
                router.uses.append(offset)
        else:
            router = find(match.group(1).rsplit(".", 1)[-1], offset)  # `s.router.POST`: the field `router`
            seen = _route(match, router, bare, code, echo)
            if router is None or seen is None:
                continue
            line = numbers[bisect_right(starts, offset) - 1]
            key = id(router)
            names[key] = router.name
            route = Route(line, *seen)
            by_router.setdefault(key, []).append(route)
            path = _route_path(bare, code, match.end())
            if path is not None:
                placed.append((router, router.prefix + path, route))
    reported: set[int] = set()
    role_used = any(kind in {"use", "group", "nested"}
                    and (parsed := arguments(bare, code, m.end(), _INLINE)) is not None
                    and any(ROLE_GUARD.search(arg) for arg in parsed[0]) for _o, kind, m in events)
    for key, routes in by_router.items():
        found, share = unguarded(routes)
        for route in found:
            reported.add(route.line)
            yield Hit(route.line, None, message(route, names[key], share), sure=lone_exception(routes, route))
        if role_used:
            continue  # a role given to a router or group: the routes' own lists do not show it
        for route in missing_role(routes):
            if route.line not in reported:
                reported.add(route.line)
                yield Hit(route.line, None, role_message(route, names[key]))
    for hit in _outside_group(placed):
        if hit.line not in reported:
            yield hit


_NESTED_PREFIX = lazy_re(r"\s*\"([^\"\n]*)\"\s*,")
_PARAM_SEGMENT = lazy_re(r"^(?:\{.*\}|:\w+|\*\w*|api|v\d+)$")


def _route_path(bare: str, code: str, start: int) -> str | None:
    parsed = arguments(bare, code, start, _INLINE)
    if parsed is None or not parsed[0]:
        return None
    path = literal(parsed[0][0])
    return None if path is None else _PATTERN_VERB.sub("", path)


def _resource(path: str) -> str:
    """The first segment of a path that names a resource (`/api/v1/projects/{id}` -> `projects`)."""
    for segment in path.split("/"):
        if segment and not _PARAM_SEGMENT.match(segment):
            return segment.lower()
    return ""


def _outside_group(placed: list[tuple[_Router, str, Route]]) -> Iterator[Hit]:
    """A write registered on an unguarded router while the routes of the same resource sit in a guarded
    group made from that router (chi's `r.Group(func(r chi.Router) { r.Use(requireAuth); ... })`, gin's
    `api := r.Group("", auth)`): `r.Delete("/projects/{id}", ...)` next to the group's `/projects` routes
    skips the group's guard. At least `LONE_SIBLINGS` guarded routes of that resource, none of its other
    routes on the open router; admin paths are left to GO-ADMIN-ROUTE-OUTSIDE-GROUP."""
    for router, path, route in placed:
        resource = _resource(path)
        if route.guarded or not route.mutating or route.public or not resource or "admin" in path.lower():
            continue
        inside = [other for group, other_path, other in placed if other.guarded and group is not router
                  and group.below(router) and _resource(other_path) == resource]
        beside = [other for group, other_path, other in placed if group is router and other is not route
                  and not other.guarded and not other.public and _resource(other_path) == resource]
        if len(inside) >= LONE_SIBLINGS and not beside:
            yield Hit(route.line, None, (
                f"`{route.shown}` is registered on `{router.name}`, outside the guarded group that holds the "
                f"other {len(inside)} `/{resource}` routes: it skips that group's auth middleware, so anyone "
                "who finds the URL can call it. Register it inside the group."), sure=True)


def _route(match: re.Match[str], router: _Router | None, bare: str, code: str,
           echo: bool) -> tuple[str, bool, bool, bool, bool, bool] | None:
    """(shown, guarded, mutating, admin, public, role) of a registration, or None when it is not one."""
    if router is None:
        return None
    parsed = arguments(bare, code, match.end(), _INLINE)
    if parsed is None or not parsed[0]:
        return None
    args, inline = parsed
    path = literal(args[0])
    if path is None:
        return None
    verb = match.group(3)
    if verb in {"HandleFunc", "Handle"}:
        pattern = _PATTERN_VERB.match(path)
        verb = pattern.group(1) if pattern else _chained_methods(bare, match.end())
    rest = args[1:]
    if inline:
        middleware, handler = rest, ""
    elif echo and verb.isupper():
        middleware, handler = rest[1:], rest[0] if rest else ""
    else:
        middleware, handler = rest[:-1], rest[-1] if rest else ""
    guarded = (router.guarded_at(match.start()) or any(_guarding(arg) for arg in middleware)
               or _wrapper(handler) or _guarding_with(match.group(2)))
    role = (any(_guarding(arg) and ROLE_GUARD.search(arg) for arg in middleware)
            or bool(_wrapper(handler) and ROLE_GUARD.search(handler.split("(", 1)[0]))
            or bool(_guarding_with(match.group(2)) and ROLE_GUARD.search(match.group(2))))
    shown = f"{match.group(1)}.{match.group(3)}(\"{path}\")"
    admin = "admin" in f"{router.name} {path}".lower()
    mutating = bool(_WRITE.match(verb)) and not read_only(handler)
    return shown, guarded, mutating, admin, public(_PATTERN_VERB.sub("", path), handler.strip(), verb), role


_METHODS = lazy_re(r"\s*\.\s*Methods\(\s*(?:http\.Method)?(?P<verb>[A-Za-z]+)")


def _chained_methods(bare: str, start: int) -> str:
    """The verb of gorilla/mux's `.Methods(http.MethodPost)` chained on the registration whose arguments start
    at `start` ("ANY" when there is none). The bare view blanks a string's letters: `"POST"` reads as ANY."""
    end = after_call(bare, start)
    chained = _METHODS.match(bare, end) if end is not None else None
    return chained.group("verb").upper() if chained is not None else "ANY"


def _chained_use(bare: str, code: str, start: int) -> bool:
    """Whether `.Use(guard)` is chained on the `Group(` call whose arguments start at `start`
    (`r := v1.Group("/jobs").Use(jwt.MiddlewareFunc()).Use(checkRole())`)."""
    end = after_call(bare, start)
    while end is not None:
        chained = _CHAINED_USE.match(bare, end)
        if chained is None:
            return False
        parsed = arguments(bare, code, chained.end(), _INLINE)
        if parsed is not None and any(_guarding(arg) for arg in parsed[0]):
            return True
        end = after_call(bare, chained.end())
    return False


def _guarding(arg: str) -> bool:
    callee = _CALLEE.match(arg)
    return callee is not None and bool(GUARD.search(callee.group(1)))


def _wrapper(handler: str) -> bool:
    callee = _CALLEE.match(handler)
    return callee is not None and handler[callee.end():].lstrip().startswith("(") and bool(
        GUARD.search(callee.group(1)))


def _guarding_with(chain: str) -> bool:
    """`.With(jwtauth.Verifier(ta), jwtauth.Authenticator)` before the verb (chi)."""
    return bool(chain) and any(_guarding(part) for part in re.split(r"[(,]", chain.split("With", 1)[1]))
