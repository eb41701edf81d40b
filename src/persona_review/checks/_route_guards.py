"""What the route-guard checks of JavaScript/TypeScript, Java and Go share: which names read as an
authorization guard, which routes are public by nature, and when a route's siblings mostly carry a guard.

The rule is the Python check's (`py_route_guard`), made stricter on other people's code: on one router
or controller, when at least two routes and at least half of them carry a recognised guard (or, when the
routes are not mostly guarded, the mutating and admin-looking ones alone), a mutating (POST/PUT/PATCH/
DELETE) route that carries none is reported, unless more than one in five of those routes (and more than
one in all) carry none: several open writes on one router are routes left open on purpose. Routes public
by nature (sign-in, sign-up, password reset, OAuth callbacks, webhooks that check their own signature, health
probes) are never reported, and are not counted among the siblings either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from persona_review.lazy_re import lazy_re

GUARD = lazy_re(
    r"auth(?!or)|jwt|passport|permission|protect|\bacl\b|rbac|casbin|logged_?in|login_?required|"
    r"(?:is|requires?|required|ensure|only|must|check|has|verify|needs?|assert|with|can)_?"
    r"(?:admin|role|token|user|owner|staff|super_?user|member|access|scope|session|signature|api_?key|"
    r"login|logged|account)|"
    r"(?:admin|role|roles|owner|staff|super_?user|token|session|user)_?"
    r"(?:only|required|guard|middleware|check|auth|protected)",
    re.IGNORECASE,
)
"""A middleware, guard, decorator or wrapper name that reads as authentication or authorization:
`requireAuth`, `isAdmin`, `verifyToken`, `passport.authenticate(...)`, `JwtAuthGuard`. `admin`, `role`
and `token` alone are not enough (`h.AdminDeleteUser` is a handler, `tokens` a resource): they need a
word that makes them a check (`isAdmin`, `adminOnly`, `verifyToken`)."""

PUBLIC_PATH = lazy_re(
    r"log_?-?(?:in|out)(?-i:(?![a-z]))|sign_?-?(?:in|up|out)(?-i:(?![a-z]))|register|health|ready|readiness|"
    r"liveness|\blive\b|\bping\b|/status(?![\w/-])|forgot|reset|oauth|callback|verif|confirm|activat|"
    r"unsubscribe|public|/auth\b|/token(?![\w/-])|refresh|captcha|csrf|invit|magic|\botp\b|\bsso\b|saml|openid|"
    r"well-known|"
    # what any signed-in user does to their own account: the caller is the subject, no role is needed
    r"/me\b|\bme\b|self|profile|avatar|center|pass(?:word)?\b|pass[A-Z/_-]|e-?mail|settings|preferences|"
    r"\bmy[A-Z/_-]|/my\b|(?-i:Current)|(?<![a-z])current\b|"
    # marking notices or messages read: each user's own read state
    r"\bread(?:[-_]?all)?\b|(?-i:Read)(?:All)?\b|mark[-_]?(?:as[-_]?)?read",
    re.IGNORECASE,
)
"""A route path (or handler name) that is public by nature: nobody is signed in yet when it is called,
or the caller proves itself another way (a webhook's signature, an OAuth `state`); or one that any
signed-in user calls on their own account (profile, password, avatar, marking their notices read), which
needs no role."""


_PATH_VARIABLE = lazy_re(r"\{[^{}]*\}|(?<=/):[A-Za-z_]\w*|<[^<>]*>")
_READ_ONLY = lazy_re(r"^(?:check|validate|verify|exists?|is|has|search|query|find|list|get|count|preview|"
                        r"lookup|diff|compare)(?:(?-i:[A-Z_])|$)", re.IGNORECASE)


_SIGN_UP = lazy_re(r"^[\"'`]?/?(?:api/)?(?:v\d+/)?(?:users|accounts)/?[\"'`]?$", re.IGNORECASE)
"""The users collection itself: by REST convention, a POST there creates an account (a sign-up)."""
_SIGN_IN = lazy_re(r"/sessions?(?:/(?:new|create|start|init\w*|open))?/?[\"'`]?\s*$", re.IGNORECASE)
"""A sessions endpoint without a path variable (or its `new`/`start` action): by REST convention, a POST
there creates a session (a sign-in)."""
_READ_SEGMENT = lazy_re(
    r"/(?:query|search|lookup|find|filter|count|exists?|preview|list|diff|compare)/?[\"'`]?\s*$",
    re.IGNORECASE)
"""A path whose last segment names a read: a POST there carries a query in its body."""


_WEBHOOK = lazy_re(r"web_?-?hooks?|hooks?\b", re.IGNORECASE)
_WEBHOOK_SETTINGS = lazy_re(
    r"(?:web_?-?)?hooks?[-_/]?(?:endpoint|subscription|config|setting|target|destination|url)s?",
    re.IGNORECASE,
)
"""Webhook settings a user manages (`/webhook-endpoints/:id`, `webhookSubscriptions`): no receiver."""


def public(path: str, handler: str = "", verb: str = "") -> bool:
    """Whether a route is public by nature (`PUBLIC_PATH`), from its path (path variables such as `{login}`
    or `:token` left out: they name a value, not the endpoint) or its handler's name; or a POST (`verb`,
    any case) to the users collection (`_SIGN_UP`) or to a sessions endpoint (`_SIGN_IN`); or a webhook
    receiver: a webhook path or handler reached by POST (or by a verb not known), which proves itself by
    its signature, and not the webhook settings users manage (`DELETE /webhook-endpoints/:id`)."""
    bare = _PATH_VARIABLE.sub("", path)
    post = verb.lower() == "post"
    return bool(PUBLIC_PATH.search(bare) or PUBLIC_PATH.search(handler)
                or (post and _SIGN_UP.match(path.strip()))
                or (post and bare == path and _SIGN_IN.search(path))
                or _webhook_receiver(bare, handler, verb))


def _webhook_receiver(bare: str, handler: str, verb: str) -> bool:
    if verb.lower() not in {"", "post", "all", "any", "handle", "handlefunc", "route"}:
        return False
    named = [text for text in (bare, handler) if _WEBHOOK.search(text)]
    return bool(named) and not any(_WEBHOOK_SETTINGS.search(text) for text in named)


def read_only(handler: str, path: str = "") -> bool:
    """Whether a handler's name says it only reads (`checkNameUnique`, `searchOrders`, `list`), or its
    path's last segment does (`/orders/search`): a POST that queries or validates is not a mutating route."""
    return bool(_READ_ONLY.match(handler.rsplit(".", 1)[-1].strip()) or _READ_SEGMENT.search(path))


@dataclass(frozen=True, slots=True)
class Route:
    line: int
    """Where the finding goes: the registration, or the route's mapping annotation/decorator."""
    shown: str
    """How the message names the route (`router.delete('/users/:id')`, `@DeleteMapping("/{id}")`)."""
    guarded: bool
    mutating: bool
    admin: bool
    public: bool
    """Public by nature, or marked public on purpose (`@Public()`, `@PermitAll`): never a finding."""
    role: bool = False
    """Carries a guard of its own that names a role or a permission (`isAdmin`, `requireRole("billing")`),
    beyond signing in."""


def unguarded(routes: Sequence[Route]) -> tuple[list[Route], str]:
    """The routes to report among the siblings `routes`, and how many of which siblings carry a guard
    ("4 of the 6 routes"). The public ones are not counted; when the rest are not mostly guarded, the
    mutating and admin-looking ones alone are compared (reads are often public on purpose)."""
    counted = [route for route in routes if not route.public]
    guarded = sum(route.guarded for route in counted)
    kind = "routes"
    if guarded < 2 or guarded * 2 < len(counted):
        counted = [route for route in counted if route.mutating or route.admin]
        guarded = sum(route.guarded for route in counted)
        kind = "mutating or admin routes"
        if guarded < 2 or guarded * 2 < len(counted):
            return [], ""
    found = [route for route in counted if not route.guarded and route.mutating]
    writes = sum(route.mutating or route.admin for route in counted)
    if len(found) > max(1, writes // OPEN_WRITES_SHARE):
        return [], ""  # several writes open on one router: deliberate (what any signed-in user may do)
    return found, f"{guarded} of the {len(counted)} {kind}"


def lone_exception(routes: Sequence[Route], route: Route) -> bool:
    """Whether `route` is the one write on its router without a guard that every other route there has
    (at least `LONE_SIBLINGS` of them, reads included; the public by nature aside): the shape that held
    on code nobody here wrote, reported even where the route-guard checks are not enabled. A router with
    any other open route, read or write, leaves it to the opt-in rule: endpoints open on purpose come in
    groups."""
    others = [other for other in routes if other is not route and not other.public]
    return route.mutating and len(others) >= LONE_SIBLINGS and all(other.guarded for other in others)


LONE_SIBLINGS = 3


OPEN_WRITES_SHARE = 5
"""A forgotten guard is the exception: more than one in this many of a router's mutating and admin routes
without one (and more than one in all) reads as routes left open on purpose."""


def message(route: Route, owner: str, share: str) -> str:
    return f"`{route.shown}` has no authorization guard, while {share} on `{owner}` do."


ROLE_GUARD = lazy_re(
    r"admin|role|staff|super_?user|owner|permission|\bacl\b|rbac|casbin|polic|moderator|(?<![a-z])can[A-Z_]",
    re.IGNORECASE,
)
"""A guard that decides what the caller may do, not only that someone is signed in."""


def missing_role(routes: Sequence[Route]) -> list[Route]:
    """The writes that sign the caller in but carry none of the role guards their siblings carry: at least
    two other routes carry one, and every other write does (reads may be open to any signed-in user). Only
    for per-route guards: a router whose role comes from `.use`/a group is left to the caller to skip."""
    found: list[Route] = []
    for route in routes:
        if not route.mutating or route.public or route.role:
            continue
        others = [other for other in routes if other is not route and not other.public]
        if sum(other.role for other in others) >= 2 and all(other.role for other in others if other.mutating):
            found.append(route)
    return found


def role_message(route: Route, owner: str) -> str:
    return (f"`{route.shown}` carries none of the role or permission guards the other writes on `{owner}` "
            "carry: any signed-in caller can make this change. Add the same role guard.")
