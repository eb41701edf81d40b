"""A Java handler that writes, under an admin-looking controller or path, that the change opens to callers who
are not signed in.

    @Controller("/admin/support")
    public class ImpersonationController {
        @Post("/impersonate")
        @Secured(SecurityRule.IS_ANONYMOUS)          // anyone on the internet may call it
        public HttpResponse<Token> impersonate(@Body ImpersonateRequest req) { ... }

An explicit opening marker, `@PermitAll` (Jakarta/JAX-RS, Quarkus), `@Secured(SecurityRule.IS_ANONYMOUS)` or
`@Secured("isAnonymous()")` (Micronaut), `@PreAuthorize("permitAll()")` or `@AnonymousAllowed`, put on a
mutating handler (`@PostMapping`/`@Post`/`@POST`, PUT, PATCH, DELETE, or `@RequestMapping(method = POST)`)
whose controller path, own path, class or method name reads as an administrative or privileged action
(admin, internal, staff, superuser, back office, impersonation, sudo). Quiet on a handler public by nature
(sign-in, password reset, webhooks, health: `_route_guards.public`), on a read, and on a marker the change
did not add.

Read line by line from the known lines (a hunk that does not show the class still shows the handler's own
annotations; the class-level path is taken when the file shows it), so the check stays linear.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._route_guards import public
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_OPENS = lazy_re(
    r"^\s*@(?:[\w.]+\.)?(?:PermitAll|AnonymousAllowed)\b|"
    r"^\s*@(?:[\w.]+\.)?Secured\s*\(\s*\{?\s*(?:SecurityRule\.IS_ANONYMOUS|\"(?:isAnonymous\(\)|"
    r"IS_ANONYMOUS|permitAll)\")|"
    r"^\s*@(?:[\w.]+\.)?PreAuthorize\s*\(\s*\"\s*(?:permitAll|isAnonymous)\s*\(\s*\)\s*\"")
_ANNOTATION = lazy_re(r"^\s*@[\w.]+")
_WRITE_ROUTE = lazy_re(
    r"^\s*@(?:[\w.]+\.)?(?:(?:Post|Put|Patch|Delete)(?:Mapping)?|POST|PUT|PATCH|DELETE)\b(?!\.)|"
    r"^\s*@(?:[\w.]+\.)?RequestMapping\b.*\bRequestMethod\.(?:POST|PUT|PATCH|DELETE)\b")
_READ_ROUTE = lazy_re(r"\bRequestMethod\.GET\b|^\s*@(?:[\w.]+\.)?(?:Get(?:Mapping)?|GET)\b")
_METHOD_PATH = lazy_re(r"^\s*@(?:[\w.]+\.)?(?:\w*Mapping|Post|Put|Patch|Delete|Path)\s*\([^\"]*\"([^\"]*)\"")
_CLASS_PATH = lazy_re(
    r"^\s*@(?:[\w.]+\.)?(?:RestController|Controller|RequestMapping|Path)\s*\([^\"]*\"([^\"]*)\"")
_CLASS = lazy_re(r"\b(?:class|interface)\s+([A-Z]\w*)")
_METHOD_NAME = lazy_re(r"([A-Za-z_]\w*)\s*\(")
_PRIVILEGED = lazy_re(r"(?i)admin|internal|staff|super_?user|back_?office|impersonat|sudo")
_PRIVILEGED_PATH = lazy_re(r"(?i)(?:^|/)(?:admin|staff|super_?user|back_?office|sudo)\w*(?:/|$)|impersonat")
"""An administrative path in a security rule; `internal` is left out there: a path opened at the web layer
because the network keeps outsiders from it is a common, deliberate set-up."""
_REACH = 8
"""How many lines above and below an opening marker the handler's other annotations and signature may be."""


@register(
    CheckSpec(
        id="JAVA-ADMIN-ROUTE-ANONYMOUS",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Privileged handler opened to anonymous callers",
        explanation=(
            "An administrative action (impersonation, user management, internal tooling) marked "
            "`@PermitAll`/`IS_ANONYMOUS` answers anyone on the network, signed in or not: the marker turns "
            "off the framework's authentication for this method. Require the role the controller's other "
            "actions need (`@Secured(\"ROLE_ADMIN\")`, `@RolesAllowed`), or move the public part out of "
            "the admin controller."
        ),
    ),
    needs=("PermitAll", "IS_ANONYMOUS", "isAnonymous", "permitAll", "AnonymousAllowed"),
)
def admin_route_anonymous(ctx: FileContext) -> Iterator[Hit]:
    yield from _matchers_opened(ctx)
    numbers = sorted(ctx.lines)
    class_path, class_name, pending = "", "", ""
    for index, no in enumerate(numbers):
        text = ctx.lines[no]
        found = _CLASS_PATH.match(text)
        if found:
            pending = found.group(1)
        named = _CLASS.search(text)
        if named and not text.lstrip().startswith(("//", "*", "@")):
            class_name, class_path, pending = named.group(1), pending, ""
        if no not in ctx.added or not _OPENS.match(text):
            continue
        hit = _judge(ctx, numbers, index, class_path, class_name)
        if hit is not None:
            yield hit


_MATCHER = lazy_re(
    r"\.(?:requestMatchers|antMatchers|mvcMatchers|regexMatchers|pathMatchers)\s*\((?P<args>[^()]*)\)\s*"
    r"(?P<rule>\.\s*(?:permitAll\s*\(\s*\)|anonymous\s*\(\s*\)))?")
_OPEN_RULE = lazy_re(r"^\s*\.\s*(?:permitAll|anonymous)\s*\(\s*\)")
_STRING = lazy_re(r'"([^"]*)"')
_STATIC = lazy_re(r"(?i)(?:^|/)(?:assets|static|css|js|images?|img|fonts|webjars|favicon[\w.]*|public)"
                  r"(?:/|$|\.)|"
                  r"\.(?:css|js|png|svg|ico|woff2?)$")
"""Files the browser loads before anyone signs in (the admin area's own login page's stylesheets)."""


def _matchers_opened(ctx: FileContext) -> Iterator[Hit]:
    """A Spring Security rule the change adds that lets anyone reach an administrative path:
    `.requestMatchers("/admin/**").permitAll()` (also `antMatchers`/`mvcMatchers`, WebFlux's
    `pathMatchers`, `.anonymous()`, the rule on the line below). Paths public by nature (the admin area's
    sign-in page, its static files, a health probe) are left alone."""
    for no in sorted(ctx.added):
        text = ctx.lines.get(no, "")
        if "atchers" not in text:
            continue
        for found in _MATCHER.finditer(text):
            opened = found.group("rule") is not None or (
                text[found.end():].strip() == "" and _OPEN_RULE.match(ctx.lines.get(no + 1, "")) is not None)
            if not opened:
                continue
            paths = [path for path in _STRING.findall(found.group("args"))
                     if _PRIVILEGED_PATH.search(path) and not _STATIC.search(path) and not public(path)]
            if paths:
                yield Hit(no, None, (
                    f"`{paths[0]}` is made reachable without signing in (`permitAll`/`anonymous`): every "
                    "administrative endpoint under it answers anyone who can reach the service. Require the "
                    "admin role there (`.hasRole(\"ADMIN\")`) and open only the sign-in page and static "
                    "files "
                    "by their own paths."), sure=True)


def _judge(ctx: FileContext, numbers: list[int], index: int, class_path: str, class_name: str) -> Hit | None:
    """The finding for the opening marker at `numbers[index]`: the handler's annotations around it (up to
    its signature) must hold a write route whose path, method or controller reads as privileged."""
    block = _annotation_block(ctx, numbers, index)
    texts = [ctx.lines[n] for n in block]
    signature = next((ctx.lines[n] for n in block if not _ANNOTATION.match(ctx.lines[n])), "")
    method = _METHOD_NAME.search(signature)
    method_name = method.group(1) if method else ""
    if not any(_WRITE_ROUTE.match(t) for t in texts) or any(_READ_ROUTE.search(t) for t in texts):
        return None
    own_path = " ".join(found.group(1) for t in texts if (found := _METHOD_PATH.match(t)))
    path = f"{class_path}/{own_path}".replace("//", "/")
    if public(path, method_name, "post") or not _PRIVILEGED.search(f"{path} {method_name} {class_name}"):
        return None
    marker = ctx.lines[numbers[index]].strip()
    where = f"`{method_name}`" + (f" (`{path}`)" if path.strip("/") else "")
    return Hit(numbers[index], None, (
        f"`{marker}` opens {where} on `{class_name or 'this controller'}` to callers who are not signed in, "
        "and the handler changes data in an administrative area: anyone who can reach the service can call "
        "it. Require the role the other administrative actions need."))


def _annotation_block(ctx: FileContext, numbers: list[int], index: int) -> list[int]:
    """The known lines of the handler's annotations around `numbers[index]`, and its signature line."""
    block = [numbers[index]]
    up = index - 1
    while up >= 0 and index - up <= _REACH and numbers[up] == block[0] - 1 \
            and _ANNOTATION.match(ctx.lines[numbers[up]]):
        block.insert(0, numbers[up])
        up -= 1
    down = index + 1
    while down < len(numbers) and down - index <= _REACH and numbers[down] == block[-1] + 1:
        block.append(numbers[down])
        if not _ANNOTATION.match(ctx.lines[numbers[down]]):
            break  # the signature
        down += 1
    return block
