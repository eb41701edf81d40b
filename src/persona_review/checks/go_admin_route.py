"""A Go admin action registered outside the admin route group, so it misses the role guard the group gives.

Routers commonly guard their admin actions once, on a group (gin's and echo's `admin :=
r.Group("/admin", requireUser, requireRole("admin"))`, fiber's `app.Group("/admin", adminOnly)`, chi's
`r.Route("/admin", func(r chi.Router) { r.Use(adminOnly); ... })`, or a group given `.Use(adminOnly)`):
the routes registered on it carry no guard of their own. A new admin action registered on another router
(the signed-in users' `api` group, the root) gets only that router's guards: any signed-in user, or anyone,
can call it.

Reported, on the registration, a route added in code that builds an admin-guarded group, registered on a
router that is not that group nor made from it, and without an admin guard of its own (a middleware
argument or a wrapper), when the route reads as an admin action: its path has an `admin` segment or its
handler's name starts with Admin, or it acts on another account (`/users/:id/...`, `SuspendUser`) with a
privileged verb (suspend, ban, impersonate, promote, grant a role, reset another user's MFA, ...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from persona_review.checks._call_args import after_call, arguments, literal
from persona_review.checks._lexing import lex
from persona_review.checks._route_guards import GUARD
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GROUP = lazy_re(r"(?<![\w.])([A-Za-z_]\w*)\s*:?=\s*(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*\.\s*Group\(")
_NESTED = lazy_re(
    r"(?<![\w.])([A-Za-z_]\w*)(?:\s*\.\s*\w+\((?:[^()\n]|\([^()\n]*\))*\))*\s*\.\s*(?:Group|Route|Mount)(\()"
    r"(?:\s*\"[^\"\n]*\"\s*,)?\s*func\s*\(\s*([A-Za-z_]\w*)\s+\*?(?:[A-Za-z_]\w*\.)?[A-Z]\w*\s*\)")
"""A sub-router given to a function literal: chi's `r.Route("/admin", func(r chi.Router) {`, fiber's
`api.Route("/admin", func(r fiber.Router) {`, a chain ending in one (`rapi.Mount("/admin").Route(func(r
*routegroup.Bundle) {`). The literal's parameter is the sub-router; the chain's first name its parent."""
_USE = lazy_re(r"(?<![\w.])(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*\.\s*Use\(")
_CALL = lazy_re(
    r"(?<![\w.])(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)((?:\s*\.\s*With\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\))?)\s*\.\s*"
    r"(POST|PUT|PATCH|DELETE|GET|Any|Post|Put|Patch|Delete|Get|HandleFunc|Handle)\(")
_INLINE = lazy_re(r"\s*func\b")
_CALLEE = lazy_re(r"\s*&?([A-Za-z_][\w.]*)")

_ADMIN_GUARD = lazy_re(
    r"(?i:(?:require|requires|required|only|must|ensure|is|has|check|with|need|needs|assert|can)_?"
    r"(?:admin|role|roles|staff|super_?user|permission|privilege|operator|scope)|"
    r"(?:admin|staff|super_?user|role|roles|operator|permission)_?(?:only|required|guard|middleware|check|auth|"
    r"authorized|protected)|casbin|rbac|authoriz)"
)
"""A middleware that admits by role (`mw.RequireRole("admin")`, `adminOnly`, `casbin.Enforce`)."""
_ADMIN_MIDDLEWARE = lazy_re(r"^(?i:admin)\w*$")
"""A middleware named `Admin...` (`mw.Admin`, `adminMiddleware()`) passed to a group: among a group's
arguments, which are all middleware, it is the admin guard."""
_ADMIN_NAME = lazy_re(r"^(?i:admin|staff|superuser|backoffice|back_?office|internal|ops)|Admin|Staff")
"""A router named for its privileged users (`admin`, `staffRoutes`): taken to be guarded where it is made."""
_ADMIN_SEGMENT = lazy_re(r"(?i)(?:^|/)admin(?:[/_-]|$)")
_PRIVILEGED = lazy_re(
    r"(?i:suspend|unsuspend|(?<![a-z])ban(?![a-z])|unban|impersonat|promot|demot|(?<![a-z])roles?(?![a-z])|"
    r"grant|permission|deactivat|reactivat|disable|(?<![a-z])lock(?![a-z])|unlock|reset_?-?mfa|mfa|"
    r"(?<![a-z])2fa|purge|wipe|erase|(?<![a-z])quota|credit)|(?-i:Ban|Lock|Role)(?![a-z])"
)
"""What an admin does to other people's accounts: suspend, ban, impersonate, change roles, reset MFA."""
_OTHER_ACCOUNT = lazy_re(
    r"(?i)(?:^|/)(?:users?|accounts?|members?|customers?|tenants?|orgs?|organi[sz]ations?|employees?|staff)"
    r"/(?::\w+|\{[^{}/]+\}|<[^<>/]+>)"
)
"""A path that addresses one account by id (`/users/:id/...`): not the caller's own (`/me`)."""
_PUBLIC = lazy_re(
    r"(?i)log_?-?(?:in|out)|sign_?-?(?:in|out)|oauth|callback|\bsso\b|saml|openid|health|\bping\b|"
    r"(?<![a-z])init(?![a-z])|setup|bootstrap|install")
"""Pages every visitor reaches, under an admin prefix too (`/admin/login`), and the first run's setup of
the first admin (`/users/admin/init`), open until an admin exists."""
_OPEN_ROUTER = lazy_re(r"(?i)public|anonymous|\banon|guest|unauth|no_?auth|open(?:Routes?|Router|Group|Api)")
"""A router made open on purpose: named so (`publicRouter`), or given a middleware named so
(`r.Use(bouncer.PublicAccess)`)."""
_PATH_VARIABLE = lazy_re(r"/(?::\w|\{|<)")
_SUBJECT = lazy_re(r"(?i)user|account|member|customer|tenant|org|employee")
_ADMIN_HANDLER = lazy_re(r"(?:^|\.)[Aa]dmin(?:[A-Z_]|\.\w)")
"""An admin handler: `h.AdminDeleteUser`, `s.adminRest.banCtrl`, `h.admin.Purge`."""


_MAKES_ADMIN = ("Group(", "Route(", "Use(", "Handle(")
"""What code that makes an admin-guarded router holds: a group, a sub-router, a middleware added, a mux
mounted behind a wrapper."""


@register(
    CheckSpec(
        id="GO-ADMIN-ROUTE-OUTSIDE-GROUP",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Admin action registered outside the admin-guarded route group",
        explanation=(
            "The code guards its admin actions once, on a route group made with a role check; this admin "
            "action is registered on another router, so it gets only that router's guards and any "
            "signed-in user (or anyone) can call it. Register it on the admin group, or give it the same "
            "role middleware."
        ),
    ),
    needs=_MAKES_ADMIN,
)
def admin_route_outside_group(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for numbers in lexed.segments:
        if not any(no in ctx.added for no in numbers):
            continue
        bare = "\n".join(lexed.bare[n] for n in numbers)
        if not any(word in bare for word in _MAKES_ADMIN):
            continue
        code = "\n".join(lexed.code[n] for n in numbers)
        starts = [0]
        for match in re.finditer("\n", bare):
            starts.append(match.end())
        for offset in _outside(bare, code):
            line = numbers[bisect_right(starts, offset) - 1]
            if line in ctx.added:
                yield Hit(line)


def _outside(bare: str, code: str) -> Iterator[int]:
    """Offsets of the admin-looking routes registered outside the admin-guarded routers of one run of
    lines, when there is one."""
    admin: dict[str, list[tuple[int, int]]] = {}
    """Router name -> the (from, to) offsets where the name means an admin-guarded router."""
    events: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in (("group", _GROUP), ("nested", _NESTED), ("use", _USE), ("route", _CALL)):
        events.extend((m.start(), kind, m) for m in pattern.finditer(bare))
    events.sort(key=lambda event: event[0])

    def guarded(name: str, offset: int) -> bool:
        return any(start <= offset < end for start, end in admin.get(name, ()))

    routes: list[tuple[int, str, re.Match[str]]] = []
    opened: set[str] = set()
    for offset, kind, match in events:
        if kind == "group":
            parsed = arguments(bare, code, match.end(), _INLINE)
            args = parsed[0] if parsed is not None else []
            path = literal(args[0]) if args else None
            own = _admin_chain(args[1:] if path is not None else args, path, group=True)
            if own or guarded(match.group(2), offset):
                admin.setdefault(match.group(1), []).append((offset, len(bare)))
        elif kind == "nested":
            until = after_call(bare, match.end(2)) or len(bare)
            path = literal(code[match.end(2):].split(",", 1)[0]) if '"' in bare[match.end(2):match.start(3)] \
                else None
            body = bare[match.end():until]
            own = any(_admin_chain(_use_args(body, code[match.end():until], use), path, group=True)
                      for use in _USE.finditer(body) if use.group(1) == match.group(3))
            if own or guarded(match.group(1), offset):
                admin.setdefault(match.group(3), []).append((match.end(), until))
        elif kind == "use":
            used = _use_args(bare, code, match)
            if _admin_chain(used, None, group=True):
                admin.setdefault(match.group(1), []).append((offset, len(bare)))
            elif any(_OPEN_ROUTER.search(arg) for arg in used):
                opened.add(match.group(1))
        else:
            routes.append((offset, kind, match))
            mounted = _mounted_behind_admin(bare, code, match)
            if mounted is not None:
                admin.setdefault(mounted, []).append((0, len(bare)))
    if not admin:
        return
    for offset, _kind, match in routes:
        router = match.group(1)
        if guarded(router, offset) or _ADMIN_NAME.search(router) or _ADMIN_GUARD.search(match.group(2)):
            continue
        if router in opened or _OPEN_ROUTER.search(router):
            continue  # open on purpose
        parsed = arguments(bare, code, match.end(), _INLINE)
        if parsed is None or not parsed[0]:
            continue
        args, inline = parsed
        path = literal(args[0])
        if path is None or not path.split(" ")[-1].startswith("/"):
            continue
        rest = args[1:]
        plain = [arg for arg in rest if not _admin_chain([arg], None) and not _guard_arg(arg)]
        handler = "" if inline else (plain[0] if plain else rest[-1] if rest else "")
        if any(_admin_chain([arg], None) or _guard_arg(arg) for arg in rest if arg is not handler):
            continue  # a guard of its own: an admin one, or an owner or member check the author chose
        if _admin_chain([handler], None) or _PUBLIC.search(path):
            continue  # wrapped in a role check (`requireAdmin(h.X)`), or public by nature (`/admin/login`)
        if _admin_action(path, handler.strip(), match.group(3)):
            yield offset


_WRAPPED_ROUTER = lazy_re(r"^\s*&?([A-Za-z_][\w.]*)\s*\(\s*(?:[^(),]*,\s*)*([A-Za-z_]\w*)\s*\)\s*$")


def _mounted_behind_admin(bare: str, code: str, match: re.Match[str]) -> str | None:
    """The router a registration mounts behind an admin guard (net/http's `mux.Handle("/admin/",
    requireAdmin(adminMux))`): every route registered on it passes the guard."""
    parsed = arguments(bare, code, match.end(), _INLINE)
    if parsed is None or parsed[1] or len(parsed[0]) < 2:
        return None
    wrapped = _WRAPPED_ROUTER.match(parsed[0][-1])
    if wrapped is None or not _ADMIN_GUARD.search(wrapped.group(1).rsplit(".", 1)[-1]):
        return None
    return wrapped.group(2)


def _guard_arg(arg: str) -> bool:
    """A middleware argument whose name reads as any guard (`mw.RequireOrgOwner`, `requireSelf`)."""
    callee = _CALLEE.match(arg)
    return callee is not None and bool(GUARD.search(callee.group(1)))


def _use_args(bare: str, code: str, use: re.Match[str]) -> list[str]:
    parsed = arguments(bare, code, use.end(), _INLINE)
    return parsed[0] if parsed is not None else []


def _admin_chain(args: list[str], path: str | None, *, group: bool = False) -> bool:
    """Whether middleware `args` admit by role, or guard a group whose path is an admin one (`group`: the
    arguments are a group's, all middleware, so one named `Admin...` is the guard)."""
    for arg in args:
        callee = _CALLEE.match(arg)
        if callee is None:
            continue
        name = callee.group(1)
        if _ADMIN_GUARD.search(name.rsplit(".", 1)[-1]) or _ADMIN_GUARD.search(arg):
            return True
        if group and _ADMIN_MIDDLEWARE.match(name.rsplit(".", 1)[-1]):
            return True
        if path is not None and _ADMIN_SEGMENT.search(path) and GUARD.search(name):
            return True
    return False


def _admin_action(path: str, handler: str, verb: str) -> bool:
    """Whether a route reads as an admin action: an admin path segment or an `Admin...` handler, or a
    privileged verb on another account (`POST /users/:id/suspend`, `h.BanMember`)."""
    if _ADMIN_SEGMENT.search(path) or _ADMIN_HANDLER.search(handler):
        return True
    if verb.upper() == "GET":
        return False
    callee = _CALLEE.match(handler)
    name = callee.group(1).rsplit(".", 1)[-1] if callee is not None else ""
    accounts = list(_OTHER_ACCOUNT.finditer(path))
    if any(_PATH_VARIABLE.search(path[: found.start()]) for found in accounts):
        return False  # an account within another resource (`/orgs/:org/members/:id/role`): its own managers
    account = accounts[0] if accounts else None
    on_other = account is not None or bool(name and _SUBJECT.search(name))
    return on_other and bool(_PRIVILEGED.search(_tail(path)) or (name and _PRIVILEGED.search(name)))


def _tail(path: str) -> str:
    """The path after its account segment: what is done to the account (`suspend` in
    `/users/:id/suspend`), not the collection's own name."""
    found = _OTHER_ACCOUNT.search(path)
    return path[found.end():] if found is not None else path
