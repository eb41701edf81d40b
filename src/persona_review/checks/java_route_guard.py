"""A Java controller handler method without the method-security annotation its sibling handlers have.

In one `@RestController`/`@Controller` class (Spring MVC/WebFlux, Micronaut) or JAX-RS resource (`@Path`:
Quarkus, Jersey, RESTEasy; routes `@GET`/`@POST`/... with their own `@Path`; Micronaut's `@Get`/`@Post`/...),
when at least two handler methods and at least half of them carry `@PreAuthorize`, `@Secured`,
`@RolesAllowed` (or Shiro's `@RequiresRoles`/`@RequiresPermissions`, Sa-Token's `@SaCheck...`, or a custom
annotation named like a guard: `@IsAdmin`, `@AdminOnly`), a mutating (`@PostMapping`, `@PutMapping`,
`@PatchMapping`, `@DeleteMapping`, `@RequestMapping(method = POST...)`) or admin-looking handler without any
is reported. A class-level guard annotation guards
every method; `@PermitAll`, `@PreAuthorize("permitAll()")` and anonymous-access markers are deliberate
and never reported; handlers public by nature (login, registration, webhooks, health) neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._annotated_classes import Annotation, Method, annotated_classes
from persona_review.checks._route_callers import open_to_callers
from persona_review.checks._route_guards import (
    GUARD,
    Route,
    lone_exception,
    message,
    public,
    read_only,
    unguarded,
)
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CONTROLLER = frozenset({"RestController", "Controller", "Path"})
"""Spring MVC/WebFlux and Micronaut controllers, JAX-RS (Quarkus, Jersey, RESTEasy) resource classes."""
_MAPPING = lazy_re(r"^(?:(Get|Post|Put|Patch|Delete|Request)Mapping|(Get|Post|Put|Patch|Delete)|"
                   r"(GET|POST|PUT|PATCH|DELETE))$")
"""A handler's route: Spring's `@PostMapping`, Micronaut's `@Post`, JAX-RS's `@POST` (its path in `@Path`)."""
_PREFIXES = frozenset({"RequestMapping", "Controller", "Path"})
_SECURITY = lazy_re(
    r"^(?:PreAuthorize|PostAuthorize|Secured|RolesAllowed|DenyAll|SaCheck\w+|"
    r"Requires(?:Permissions|Roles|Authentication|User))$")
_OPEN = lazy_re(r"^(?:PermitAll|RequiresGuest|Anonymous\w*|AllowAnonymous|\w*IgnoreAuth\w*|SaIgnore|"
                   r"Public\w*|NoAuth\w*|PassToken|SkipAuth\w*|NoLogin\w*|IgnoreToken\w*)$")
_DESCRIBES = lazy_re(r"^Api|(?:Desc|Description|Doc|Docs|Info|Log)$")
"""Annotations that document or log a handler (`@RequiresPermissionsDesc`, `@ApiOperation`), not guard it."""
_OPEN_EXPRESSION = lazy_re(r"permitAll|is_?anonymous", re.IGNORECASE)
_WRITE_METHOD = lazy_re(r"\b(?:POST|PUT|PATCH|DELETE)\b")
_READ_METHOD = lazy_re(r"\bGET\b")
_PATH = lazy_re(r'"([^"]*)"')


@register(
    CheckSpec(
        id="JAVA-ROUTE-NO-AUTH",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Handler without the authorization its sibling handlers have",
        explanation=(
            "Most handlers of this controller carry a method-security annotation (`@PreAuthorize`, "
            "`@Secured`, `@RolesAllowed`); this one does not, so any caller the web security "
            "configuration lets through reaches it. Add the same annotation, or mark it `@PermitAll` "
            "and say in the code why it is public."
        ),
    ),
    needs=("Controller", "@Path"),
)
def route_without_guard(ctx: FileContext) -> Iterator[Hit]:
    for cls in annotated_classes(ctx):
        if not any(a.short in _CONTROLLER for a in cls.annotations):
            continue
        if any(_guard(a) or _open(a) for a in cls.annotations):
            continue  # every handler is guarded, or the whole controller is public on purpose
        prefix = " ".join(a.args for a in cls.annotations if a.short in _PREFIXES and _is_path(a))
        routes = [route for method in cls.methods if (route := _route(ctx, method, prefix)) is not None]
        found, share = unguarded(routes)
        for route in found:
            yield Hit(route.line, None, message(route, cls.name, share), sure=lone_exception(routes, route))


def _guard(annotation: Annotation) -> bool:
    if _open(annotation) or _DESCRIBES.search(annotation.short):
        return False
    return bool(_SECURITY.match(annotation.short) or GUARD.search(annotation.short))


def _open(annotation: Annotation) -> bool:
    return bool(_OPEN.match(annotation.short)) or (
        annotation.short in {"PreAuthorize", "Secured"} and bool(_OPEN_EXPRESSION.search(annotation.args)))


def _route(ctx: FileContext, method: Method, prefix: str) -> Route | None:
    mapping = next((a for a in method.annotations if _MAPPING.match(a.short)), None)
    if mapping is None:
        return None
    matched = _MAPPING.match(mapping.short)
    assert matched is not None
    verb = (matched.group(1) or matched.group(2) or matched.group(3)).capitalize()
    # a handler mapped to GET as well as to a write serves reads: not a mutating route
    writes = verb in {"Post", "Put", "Patch", "Delete"} or (
        verb == "Request" and bool(_WRITE_METHOD.search(mapping.args))
        and not _READ_METHOD.search(mapping.args))
    own = mapping.args if not matched.group(3) else \
        " ".join(a.args for a in method.annotations if a.short == "Path")  # JAX-RS: the path apart
    path = _first_path(prefix) + _first_path(own)
    mutating = writes and not read_only(method.name, path)
    where = f"{prefix} {own} {method.name}"
    guarded = any(_guard(a) for a in method.annotations)
    is_public = any(_open(a) for a in method.annotations) or public(f"{prefix} {own}", method.name)
    if mutating and not guarded and not is_public:
        is_public = open_to_callers(ctx, method.line, method.name)
    return Route(method.line, method.name, guarded, mutating, "admin" in where.lower(), is_public)


def _is_path(annotation: Annotation) -> bool:
    """A class-level annotation that gives the controller's path: `@RequestMapping`, JAX-RS `@Path`,
    Micronaut's `@Controller("/x")` (Spring's `@Controller("name")` names a bean, not a path)."""
    return annotation.short != "Controller" or _first_path(annotation.args).startswith("/")


def _first_path(args: str) -> str:
    """The first string literal of a mapping's arguments (its path), "" without one."""
    found = _PATH.search(args)
    return found.group(1) if found else ""

