"""A JavaScript/TypeScript route without the authorization guard its sibling routes have.

Express, Koa-router and Fastify registrations in one file (`router.post("/x", requireAuth, handler)`,
`app.delete("/admin/users/:id", isAdmin, ...)`, middleware arrays, a Fastify options object with a guard
in `preHandler`/`onRequest`) are grouped by the object they are registered on. A guard registered with
`router.use(requireAuth)` (or `router.all("*", requireAuth)`) guards every later route of that router, and
every router mounted on it afterwards; `app.use("/admin", isAdmin)` guards the later routes under
`/admin`, and a route under `/admin` registered above that line is reported on its own (it answers before
the guard runs), whatever its siblings carry.
NestJS controllers are read from their decorators: `@UseGuards(...)`, `@Roles(...)` and
guard-named decorators on a method guard it, on the class every method; a controller with a `@Public()`
style opt-out relies on a global guard, so its undecorated methods are guarded too and none is reported.

The rule and the words are `_route_guards`'s. On a hunk without the whole file, a router's routes count
only when the hunk shows where the router is made or received, so no `.use(requireAuth)` above it can be
out of sight.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._annotated_classes import AnnotatedClass, Annotation, annotated_classes
from persona_review.checks._call_args import after_call, arguments, items, literal, skip_space
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._route_callers import open_to_callers
from persona_review.checks._route_guards import (
    GUARD,
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

_CALL = lazy_re(
    r"(?<![\w$.])((?:this\.)?[A-Za-z_$][\w$]*)\s*\.(get|post|put|patch|delete|del|all|use|route)"
    r"(?:<[^()<>]*(?:<[^()<>]*>[^()<>]*)*>)?\(")
_VERBS = lazy_re(r"\.(get|post|put|patch|delete|del|all)\(")
_MUTATING = frozenset({"post", "put", "patch", "delete", "del"})
_CLIENTS = lazy_re(r"^(?:this\.)?(?:axios|https?|\$http|request|superagent|agent|got|ky|fetch\w*|"
                      r"\w*[cC]lient|\w*[hH]ttp|\w*[aA]xios|instance|cy|chai|supertest|mock\w*|nock|"
                      r"\w*[sS]ervice|\w*[aA]pi[cC]lient|redis|cache|store|map|params|headers|searchParams|"
                      r"cookies|session|localStorage|db|knex|prisma|model|\w*Model|\w*Repository|"
                      r"document|window|element|\$|jQuery|_|lodash|state|form\w*|data|config|res|req|ctx)$")
_INLINE = lazy_re(r"\s*(?:async\b|function\b|\(|[A-Za-z_$][\w$]*\s*=>)")
_CALLEE = lazy_re(r"\s*([A-Za-z_$][\w$.]*)")
_ROLE_NAME = lazy_re(r"^(?:[\w$]+\.)?(?:admins?|staff|super_?users?|owners?|moderators?)$", re.IGNORECASE)
"""A middleware named only for the role it lets through (`router.delete("/x", protect, admin, h)`): in a
middleware position, unlike a handler's name, that is a guard."""
_HOOKS = lazy_re(r"\b(?:preHandler|onRequest|preValidation|preParsing|beforeHandler)\s*:")
_NEST_VERB = lazy_re(r"^(Get|Post|Put|Patch|Delete|All)$")
_AUTH_GUARD = lazy_re(r"role|permission|admin|acl|polic|scope|owner|member|access|session|user|login",
                         re.IGNORECASE)
_NEST_GUARD = lazy_re(r"^(?:Roles?|Permissions?|RequirePermissions?|Scopes?|Policies|"
                         r"CheckPolicies|HasRoles?|Authorized?|Authenticated|Admin\w*)$")
_NEST_OPEN = lazy_re(r"^(?:Public\w*|IsPublic|SkipAuth\w*|Skip\w*Auth\w*|NoAuth\w*|AllowAnonymous|"
                        r"Anonymous|Unprotected|Unauthenticated|OptionalAuth\w*)$")


@register(
    CheckSpec(
        id="JS-ROUTE-NO-AUTH",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Route without the authorization its sibling routes have",
        explanation=(
            "Most routes registered on the same router or controller pass through an authentication or "
            "authorization guard (middleware, `@UseGuards`, a Fastify hook); this one does not, so anyone "
            "who finds the URL can call it. Add the same guard, or say in the code why this endpoint is "
            "public."
        ),
    ),
    needs=(".post(", ".put(", ".patch(", ".delete(", ".del(", "@Post(", "@Put(", "@Patch(", "@Delete(",
           "admin", "Admin", ".use(", "function POST", "function PUT", "function PATCH", "function DELETE",
           "const POST", "const PUT", "const PATCH", "const DELETE", "Procedure"),
)
def route_without_guard(ctx: FileContext) -> Iterator[Hit]:
    yield from _express(ctx)
    if _NEXT_ROUTE_FILE.search(ctx.path):
        yield from _next_route_handlers(ctx)
    if "@Controller" in ctx.known_text():
        yield from _nest(ctx)
    yield from _nest_admin_opt_out(ctx)
    if "Procedure" in ctx.known_text():
        yield from _trpc(ctx)


# --- tRPC ---------------------------------------------------------------------------------------------------

_TRPC_ENTRY = lazy_re(
    r"^(?P<indent>\s*)(?P<name>[A-Za-z_$][\w$]*)\s*:\s*(?P<proc>[A-Za-z_$][\w$]*Procedure)\b")
_TRPC_OPEN = lazy_re(r"^(?:public|open|anonymous|unauthenticated|base)Procedure$", re.IGNORECASE)


def _trpc(ctx: FileContext) -> Iterator[Hit]:
    """A tRPC router whose procedures are built on an authenticated base (`protectedProcedure`,
    `orgProcedure`, `adminProcedure`) but for one mutation built on `publicProcedure`: the sibling rule
    of the routes above (`unguarded`, `lone_exception`), each entry of the `router({...})` one route."""
    lexed = lex(ctx)
    numbers = sorted(lexed.bare)
    entries = [(no, found) for no in numbers if (found := _TRPC_ENTRY.match(lexed.bare[no]))]
    if len(entries) < 3:
        return
    routes: list[Route] = []
    for index, (no, found) in enumerate(entries):
        end = entries[index + 1][0] if index + 1 < len(entries) else max(numbers) + 1
        body = "\n".join(lexed.bare.get(n, "") for n in range(no, end))
        name, proc = found.group("name"), found.group("proc")
        guarded = not _TRPC_OPEN.match(proc)
        mutating = ".mutation(" in body.replace(" ", "") and not read_only(name)
        routes.append(Route(no, f"{name}: {proc}", guarded, mutating, "admin" in proc.lower(),
                            public("", name, "post" if mutating else "get")))
    found_routes, share = unguarded(routes)
    for route in found_routes:
        yield Hit(route.line, None, message(route, "this router", share), sure=lone_exception(routes, route))


# --- Express, Koa-router, Fastify ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Call:
    receiver: str
    verb: str
    offset: int
    line: int
    path: str | None
    """The first argument when it is a string literal (its text without quotes)."""
    args: tuple[str, ...]
    """The arguments before the handler (all of them for `.use`), path included, as written."""
    handler: str
    """The last argument when it is not written inline (a wrapper call may guard it)."""


def _express(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    dashboards = bool(_DASHBOARD_IMPORT.search(ctx.known_text()))
    for numbers in lexed.segments:
        bare = "\n".join(lexed.bare[n] for n in numbers)
        if "(" not in bare:
            continue
        code = "\n".join(lexed.code[n] for n in numbers)
        calls = list(_calls(bare, code, numbers))
        if not calls:
            continue
        yield from _judge(calls, bare, ctx.whole_file, ctx.sections.get(numbers[0], ""))
        if dashboards:
            yield from _open_dashboards(calls)


_DASHBOARD_IMPORT = lazy_re(r"""['"](?:@bull-board/|bull-arena['"]|agendash['"]|@queuedash/)""")
"""A job-queue dashboard for Express/Koa/Fastify: Bull Board, Arena, Agendash, QueueDash. None of them asks
who is calling; the application mounts them behind its own guard."""
_DASHBOARD_HANDLER = lazy_re(
    r"\.getRouter\s*\(|\.registerPlugin\s*\(|^\s*(?:Arena|Agendash|createQueueDash\w*)\s*\(")


def _open_dashboards(calls: list[_Call]) -> Iterator[Hit]:
    """`app.use("/admin/queues", serverAdapter.getRouter())` in a file that sets up a queue dashboard, with
    no guard among the arguments nor a `.use(guard)` on that router above it: anyone who finds the path
    reads every job's payload and can retry, promote or delete jobs."""
    guards, mounted = _uses(calls)
    for call in calls:
        if call.verb != "use" or call.path is None:
            continue
        rest = _middleware(call)
        handler = rest[-1] if rest else ""
        if not _DASHBOARD_HANDLER.search(handler.strip()):
            continue
        if any(_guarding(arg) for arg in rest) or _covered(guards, call.receiver, call.offset, call.path) \
                or call.receiver in mounted:
            continue
        yield Hit(call.line, None, (
            f"`{call.receiver}.use('{call.path}', {handler.strip()})` mounts a job-queue dashboard with no "
            "guard: it has no login of its own, so anyone who finds the path reads every job's data and can "
            "retry, promote or delete jobs. Put the admin guard in front of it "
            f"(`{call.receiver}.use('{call.path}', requireAdmin, ...)`)."), sure=True)


def _calls(bare: str, code: str, numbers: list[int]) -> Iterator[_Call]:
    starts = [0]
    for match in re.finditer("\n", bare):
        starts.append(match.end())
    for match in _CALL.finditer(bare):
        line = numbers[bisect_right(starts, match.start()) - 1]
        receiver, verb = match.group(1), match.group(2)
        if _CLIENTS.match(receiver):
            continue
        if verb == "route":
            start = _Call(receiver, "", match.start(), line, None, (), "")
            yield from _route_chain(bare, code, match.end(), start)
            continue
        parsed = _split(bare, code, match.end())
        if parsed is None:
            continue
        args, handler = parsed
        path = literal(args[0]) if args else None
        if verb != "use" and path is None:
            continue  # not a route registration (`map.get(key)`, `router.get(name)`)
        yield _Call(receiver, verb, match.start(), line, path, tuple(args), handler)


def _route_chain(bare: str, code: str, start: int, at: _Call) -> list[_Call]:
    """`router.route("/x").get(...).post(protect, admin, create)`: one call per verb of the chain (`at`
    gives the receiver and where the chain starts)."""
    parsed = _split(bare, code, start)
    if parsed is None or not parsed[0]:
        return []
    path = literal(parsed[0][0])
    end = after_call(bare, start)
    out: list[_Call] = []
    while path is not None and end is not None:
        verb = _VERBS.match(bare, skip_space(bare, end))
        if verb is None:
            break
        inner = arguments(bare, code, verb.end(), _INLINE)  # no path here: the last one is the handler
        if inner is None:
            break
        args, inline = inner
        handler = "" if inline or not args else args.pop()
        out.append(_Call(at.receiver, verb.group(1), at.offset, at.line, path, ("", *args), handler))
        end = after_call(bare, verb.end())
    return out


def _split(bare: str, code: str, start: int) -> tuple[list[str], str] | None:
    """(the arguments before the handler, the handler when it is not written inline)."""
    parsed = arguments(bare, code, start, _INLINE)
    if parsed is None:
        return None
    args, inline = parsed
    if inline or len(args) < 2:
        return args, ""
    return args[:-1], args[-1]


def _guarding(arg: str) -> bool:
    """Whether a middleware argument reads as a guard: a name or callee like `requireAuth`,
    `passport.authenticate(...)`, an array holding one, or a Fastify options object with a guard hook."""
    text = arg.strip()
    if text.startswith("["):
        return any(_guarding(item) for item in items(text[1:-1]))
    if text.startswith("{"):
        return bool(_HOOKS.search(text)) and bool(GUARD.search(text))
    callee = _CALLEE.match(text)
    return callee is not None and bool(GUARD.search(callee.group(1)) or _ROLE_NAME.match(callee.group(1)))


def _wrapper_guard(handler: str) -> bool:
    """`withAuth(handler)`: a handler passed through a guard-named wrapper."""
    text = handler.strip()
    callee = _CALLEE.match(text)
    return callee is not None and text[callee.end():].lstrip().startswith("(") and bool(
        GUARD.search(callee.group(1)))


def _is_use(call: _Call) -> bool:
    return call.verb == "use" or (call.verb == "all" and call.path is not None and call.path.endswith("*")
                                  and not call.handler)


def _middleware(call: _Call) -> tuple[str, ...]:
    rest = call.args[1:] if call.path is not None else call.args
    return (*rest, call.handler) if call.verb == "use" else rest


def _uses(calls: list[_Call]) -> tuple[dict[str, list[tuple[int, str]]], set[str]]:
    """The guards each router is given with `.use` (offset, path prefix), and the routers mounted on a
    router after a guard on it, or together with one (`app.use("/admin", isAdmin, adminRouter)`)."""
    guards: dict[str, list[tuple[int, str]]] = {}
    mounted: set[str] = set()
    for call in calls:
        if not _is_use(call):
            continue
        rest = _middleware(call)
        guarding = any(_guarding(arg) for arg in rest)
        if guarding:
            guards.setdefault(call.receiver, []).append((call.offset, (call.path or "").rstrip("*")))
        if call.verb == "use" and (guarding or _covered(guards, call.receiver, call.offset, call.path or "")):
            mounted.update(name for arg in rest if re.fullmatch(r"[A-Za-z_$][\w$.]*", name := arg.strip()))
    return guards, mounted


def _judge(calls: list[_Call], bare: str, whole_file: bool, section: str = "") -> Iterator[Hit]:
    guards, mounted = _uses(calls)
    # a hunk inside a function that receives the router (`async function routes(app: FastifyInstance)`,
    # as git names it in the hunk header) shows that router from where the hunk starts
    origins: dict[str, int] = {
        call.receiver: 0 for call in calls if _receives(section, call.receiver.removeprefix("this."))}
    by_router: dict[str, list[Route]] = {}
    early: set[int] = set()
    for call in calls:
        if _is_use(call):
            continue
        rest = _middleware(call)
        if not whole_file and _origin(origins, bare, call.receiver) > call.offset:
            continue
        path = call.path or ""
        is_guarded = (any(_guarding(arg) for arg in rest) or _wrapper_guard(call.handler)
                   or _covered(guards, call.receiver, call.offset, path) or call.receiver in mounted)
        shown = f"{call.receiver}.{call.verb}('{path}')"
        admin = "admin" in f"{call.receiver} {path}".lower()
        mutating = call.verb in _MUTATING and not read_only(call.handler, path)
        is_public = public(path, call.handler.strip(), call.verb)
        role = any(_guarding(arg) and ROLE_GUARD.search(arg) for arg in rest)
        route = Route(call.line, shown, is_guarded, mutating, admin, is_public, role)
        by_router.setdefault(call.receiver, []).append(route)
        if not is_guarded and not is_public and (later := _later_prefix_guard(calls, call, path)) is not None:
            yield Hit(call.line, None, _before_guard_message(shown, later), sure=True)
            early.add(call.line)
    role_used = any(_is_use(call) and any(ROLE_GUARD.search(arg) for arg in _middleware(call))
                    for call in calls)
    for receiver, routes in by_router.items():
        found, share = unguarded(routes)
        for route in found:
            if route.line not in early:
                sure = lone_exception(routes, route)
                yield Hit(route.line, None, message(route, receiver, share), sure=sure)
                early.add(route.line)
        if role_used:
            continue  # a role given to the router with `.use`: the routes' own lists do not show it
        for route in missing_role(routes):
            if route.line not in early:
                yield Hit(route.line, None, role_message(route, receiver))


def _later_prefix_guard(calls: list[_Call], route: _Call, path: str) -> _Call | None:
    """The `.use(prefix, guard)` on the route's router, registered after it, whose prefix (a path below
    the root) holds the route's path: Express runs handlers in registration order, so the route answers
    before that guard is reached. A guard for the whole router (`use(requireAuth)`, `use("/", ...)`) is
    not one: routes above it are public on purpose (sign-in, health, landing pages)."""
    for call in calls:
        if call.offset <= route.offset or call.receiver != route.receiver or not _is_use(call):
            continue
        prefix = (call.path or "").rstrip("*").rstrip("/")
        if not prefix.strip("/") or not (path == prefix or path.startswith(prefix + "/")):
            continue
        if any(_guarding(arg) for arg in _middleware(call)):
            return call
    return None


def _before_guard_message(shown: str, guard: _Call) -> str:
    return (f"`{shown}` is registered before `{guard.receiver}.use('{guard.path}', ...)` "
            f"(line {guard.line}), "
            "which guards its path: Express runs routes and middleware in the order they are registered, so "
            "this route answers before the guard runs, to anyone. Register it after the guard, or give it "
            "the guard itself.")


def _covered(guards: dict[str, list[tuple[int, str]]], receiver: str, offset: int, path: str) -> bool:
    return any(at < offset and path.startswith(prefix) for at, prefix in guards.get(receiver, ()))


def _receives(section: str, name: str) -> bool:
    """Whether a function header takes `name` as a parameter (`function routes(app, opts) {`)."""
    if not section or name not in section:
        return False
    return re.search(rf"\(\s*(?:[^()]*,\s*)?{re.escape(name)}\s*[,:)]", section) is not None


def _origin(origins: dict[str, int], bare: str, receiver: str) -> int:
    """Where the known lines first make or receive `receiver` (`const router = Router()`, `(app) => {`,
    `function routes(fastify, opts)`); past the end when they do not. Searched once per receiver."""
    if receiver not in origins:
        name = re.escape(receiver.removeprefix("this."))
        found = re.search(rf"(?<![\w$.]){name}\s*(?:=(?![=>])|[,:)])", bare)
        origins[receiver] = found.start() if found is not None else len(bare) + 1
    return origins[receiver]


# --- Next.js route handlers ---------------------------------------------------------------------------------

_NEXT_ROUTE_FILE = lazy_re(r"(?:^|/)app/(?:.*/)?route\.[jt]sx?$")
_NEXT_EXPORT = lazy_re(
    r"^export\s+(?:async\s+function\s+|function\s+|const\s+)(GET|POST|PUT|PATCH|DELETE)\b(?P<rest>.*)$")
_NEXT_SESSION = lazy_re(
    r"\b(?:auth|getServerSession|getSession|getServerAuthSession|currentUser|getCurrentUser|getToken|getAuth|"
    r"validateRequest|getUser|requireUser|requireSession|getKindeServerSession|withApiAuthRequired|"
    r"getAuthUser|getSessionUser)\s*\(|\bsession\b")
"""What a route handler does to learn who calls it: Auth.js's `auth()`/`getServerSession()`, Clerk's
`auth()`/`currentUser()`, Supabase's `getUser()`, Lucia's `validateRequest()`, a session or user id."""


def _next_route_handlers(ctx: FileContext) -> Iterator[Hit]:
    """A Next.js App Router `route.ts` whose exported handlers each learn who the caller is (`auth()`,
    `getServerSession()`, ...) but one that writes: the middleware does not guard that path (its siblings
    would not ask otherwise), so the write answers anyone. Each handler runs from its `export` line to the
    next one; at least two siblings, all of them asking, are needed, and a handler wrapped in a guard
    (`export const DELETE = withAuth(...)`) is guarded."""
    lexed = lex(ctx)
    heads = [(no, found) for no in sorted(lexed.bare) if (found := _NEXT_EXPORT.match(lexed.bare[no]))]
    if len(heads) < 3:
        return
    ends = [no for no in sorted(lexed.bare) if lexed.bare[no].startswith("export ")]
    path = "/" + ctx.path.rsplit("app/", 1)[-1].rsplit("/", 1)[0]
    routes: list[Route] = []
    for no, found in heads:
        end = next((n for n in ends if n > no), max(lexed.bare) + 1)
        # (a signature written over several lines closes its parameters with `) {`: the body follows)
        closed = next((n for n in range(no, end) if n in lexed.bare and lexed.bare[n].startswith(("}", ")"))
                       and not lexed.bare[n].rstrip().endswith("{")), None)
        if closed is None or any(n not in lexed.bare for n in range(no, closed + 1)):
            continue  # the handler's body is not all in view: what it asks may be out of sight
        body = "\n".join(lexed.code.get(n, "") for n in range(no, closed + 1))
        verb = found.group(1)
        wrapped = _wrapper_guard(found.group("rest").lstrip(" =:"))
        guarded = wrapped or bool(_NEXT_SESSION.search(body) or GUARD.search(body))
        mutating = verb in {"POST", "PUT", "PATCH", "DELETE"}
        routes.append(Route(no, f"export function {verb}", guarded, mutating, "admin" in path.lower(),
                            public(path, "", verb)))
    for route in routes:
        others = [other for other in routes if other is not route and not other.public]
        if route.mutating and not route.guarded and not route.public and len(others) >= 2 \
                and all(other.guarded for other in others):
            yield Hit(route.line, None, (
                f"`{route.shown}` in `{ctx.path}` never asks who is calling, while the other "
                f"{len(others)} handlers of this route do: the middleware does not guard this path, so "
                "the write answers anyone. Check the session here too."), sure=True)


# --- NestJS -------------------------------------------------------------------------------------------------


def _nest(ctx: FileContext) -> Iterator[Hit]:
    for cls in annotated_classes(ctx):
        controller = next((a for a in cls.annotations if a.short == "Controller"), None)
        if controller is None or any(_nest_guard(a) or _NEST_OPEN.match(a.short) for a in cls.annotations):
            continue
        if any(_NEST_OPEN.match(a.short) for method in cls.methods for a in method.annotations):
            continue  # a global guard with opt-outs: every other method is guarded by it
        routes = list(_nest_routes(ctx, cls, controller.args))
        found, share = unguarded(routes)
        for route in found:
            yield Hit(route.line, None, message(route, cls.name, share), sure=lone_exception(routes, route))


_NEST_DECORATOR = lazy_re(r"^\s*@(?P<name>[A-Za-z_$][\w$]*)\s*\((?P<args>[^()]*)\)")
_ADMIN_CLASS = lazy_re(r"\bclass\s+(?P<name>\w*Admin\w*Controller)\b")
_ADMIN_PREFIX = lazy_re(r"""@Controller\s*\(\s*(?:\{[^}]*path\s*:\s*)?['"`]/?admin\b""", re.IGNORECASE)
_NEST_CLASS = lazy_re(r"\bclass\s+\w+")
_NEST_METHOD = lazy_re(r"^\s*(?:(?:public|async)\s+)*([A-Za-z_$][\w$]*)\s*\(")


def _nest_admin_opt_out(ctx: FileContext) -> Iterator[Hit]:
    """A route of an admin controller (its class named `Admin...Controller`, or mounted under `admin/`)
    that this change marks with the opt-out from the global auth guard (`@Public()`, `@SkipAuth()`,
    `@AllowAnonymous()`): the admin area's own guard is the global one, so the route answers anyone. Read
    from the decorators above the method and from the class line above them (or, in a hunk that does not
    show it, the class git names in the hunk header); routes public by nature (a health check, a login)
    are left alone."""
    lexed = lex(ctx)
    for no in sorted(lexed.bare):
        opened = _NEST_DECORATOR.match(lexed.bare[no])
        if opened is None or no not in ctx.added or not _NEST_OPEN.match(opened.group("name")):
            continue
        verb = None
        verb_line = 0
        after = no + 1
        while after in lexed.bare and (found := _NEST_DECORATOR.match(lexed.bare[after])) is not None:
            if _NEST_VERB.match(found.group("name")):
                verb, verb_line = found, after
            after += 1
        signature = _NEST_METHOD.match(lexed.bare.get(after, ""))
        if verb is None or signature is None or not _in_admin_controller(ctx, lexed, no):
            continue
        route = lexed.code.get(verb_line, "").strip()
        path = literal(verb.group("args").split(",")[0]) or ""
        if public(path, signature.group(1), verb.group("name")):
            continue
        yield Hit(no, None, (
            f"`@{opened.group('name')}()` takes `{signature.group(1)}` (`{route}`) out of the global "
            "auth guard, on an admin controller: anyone who finds the URL can call it, signed in or not. "
            "Keep the guard and authenticate the request another way (a short-lived signed link, a cookie "
            "session the browser sends)."), sure=True)


def _in_admin_controller(ctx: FileContext, lexed: Lexed, no: int) -> bool:
    """The nearest class line above `no` (or the hunk header's, when none is in view) names an admin
    controller, or its `@Controller(...)` mounts it under `admin/`."""
    for back in range(no - 1, 0, -1):
        text = lexed.bare.get(back)
        if text is None:
            break
        if _NEST_CLASS.search(text):
            head = "\n".join(lexed.code.get(n, "") for n in range(max(1, back - 4), back + 1))
            return bool(_ADMIN_CLASS.search(text) or _ADMIN_PREFIX.search(head))
    section = ctx.section_at(no)
    return bool(_ADMIN_CLASS.search(section))


def _nest_routes(ctx: FileContext, cls: AnnotatedClass, prefix: str) -> Iterator[Route]:
    for method in cls.methods:
        verb = next((a for a in method.annotations if _NEST_VERB.match(a.short)), None)
        if verb is None:
            continue
        where = f"{prefix} {verb.args} {method.name}"
        path = "/".join(text for arg in (prefix, verb.args) if (text := literal(arg.split(",")[0])))
        mutating = verb.short in {"Post", "Put", "Patch", "Delete"} and not read_only(method.name, f"/{path}")
        guarded = any(_nest_guard(a) for a in method.annotations)
        is_public = public(f"{prefix} {verb.args}", method.name, verb.short)
        if mutating and not guarded and not is_public:
            # a handler that asks who its caller is, or that only runs in tests (its own code says so)
            is_public = open_to_callers(ctx, method.line, method.name)
        yield Route(method.line, method.name, guarded, mutating, "admin" in where.lower(), is_public)


def _nest_guard(annotation: Annotation) -> bool:
    if annotation.short.startswith("Api"):
        return False  # Swagger documentation (`@ApiBearerAuth`), not a guard
    if annotation.short == "UseGuards":
        # `@UseGuards(ThrottlerGuard)` limits the rate, it does not authorize: name the guard's job
        return any(GUARD.search(name) or _AUTH_GUARD.search(name)
                   for name in re.findall(r"[A-Za-z_$][\w$]*", annotation.args.replace("Guard", " ")))
    return bool(_NEST_GUARD.match(annotation.short) or GUARD.search(annotation.short))
