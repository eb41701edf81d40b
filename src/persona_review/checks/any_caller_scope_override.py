"""The caller's own tenant or user id, read from the authenticated identity, then replaced by a value the
request carries, in any language.

    tenantID := auth.TenantID(r.Context())
    if override := r.URL.Query().Get("tenant_id"); override != "" {
        tenantID = override                                   // any caller picks any tenant
    }

    org_id = request.user.org_id
    if "org" in request.args:
        org_id = request.args["org"]

The handler first takes the scope from who is calling (the session, the verified token, the auth context),
which is the right source, and then lets a query parameter, header, body field or path value overwrite it.
Every later query is scoped to a tenant the caller chose: any signed-in user reads or changes another
tenant's data. Reported on the reassignment, when the condition around it checks no role or membership
(`if user.is_staff and override:` and `if (!isMember(user, override))` stay quiet), and the replacing
value is request data, read on that line or held by a variable read from the request a few lines above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SCOPE_NAME = lazy_re(
    r"(?i)^@?(?:(?:current|own|caller|active|effective|scoped)_?)?"
    r"(?:tenant|org|organi[sz]ation|account|workspace|company|team|customer|user|owner)_?(?:id|uuid|key)?$")
"""A variable that holds the scope queries are filtered by: `tenantID`, `org_id`, `accountId`, `@user_id`."""
_ASSIGN = lazy_re(
    r"^\s*(?:(?:const|let|var|final|val|String|UUID|Long|long|int|Integer|string)\s+)?"
    r"(?P<name>@?[A-Za-z_][\w]*)\s*(?::\s*[\w.<>\[\]|]+\s*)?(?P<op>:=|=)(?!=)\s*(?P<value>.+?)\s*;?\s*$")
_FROM_IDENTITY = lazy_re(
    r"(?i)\b(?:auth\w*|claims?|principal|session|identity|jwt\w*|token)\b\s*[.\[(]"
    r"|\bcurrent_?(?:user|tenant|org\w*|account)\b|\b(?:req|request)\.(?:user|auth)\b|\bg\.user\b"
    r"|\bctx\.state\.user\b|\bres\.locals\.(?:user|auth|tenant)|\bSecurityContextHolder\b|getPrincipal\s*\("
    r"|\b(?:Tenant|Org\w*|Account|User)(?:ID|Id)?From(?:Context|Ctx|Request|Claims|Token)\s*\("
    r"|\b\w*FromContext\s*\(|\.Context\(\)\s*\)|\bc\.(?:get|Get|Locals|MustGet)\s*\(\s*[\"'](?:user|tenant|org"
    r"|account|claims|auth)")
"""Where the caller's own identity comes from: the session, the verified token's claims, an auth context
(`auth.TenantID(r.Context())`, `request.user.org_id`, `req.user.orgId`, `c.Get("tenant")`)."""
_REQUEST_DATA = lazy_re(
    r"\b(?:r|req|request)\.(?:URL\.Query\(\)|(?:FormValue|PostFormValue|Header\.Get|PathValue)\b)"
    r"|\b(?:req|request|ctx\.request)\.(?:query|body|params|headers|get\s*\(|header\s*\(|args|form|values|"
    r"GET|POST|data|json|query_params|path_params|META|cookies)\b"
    r"|\bc\.(?:Query|Param|DefaultQuery|PostForm|GetHeader|FormValue|QueryParam|Params)\s*\("
    r"|\b(?:request|req|ctx)\.(?:getParameter|getHeader|queryParam|pathParam|header|formParam)\s*\("
    r"|(?<![\w.])params\s*(?:\[|\.fetch\b|\.dig\b)|\brequest\.(?:headers|query_parameters|params)\b")
"""A value the caller sends: a query parameter, header, form or body field, or path value."""
_GUARDED = lazy_re(
    r"(?i)admin|staff|superuser|support|impersonat|\brole|permission|privilege|\bcan\w*\s*[?(]|\bmay\w*\s*\("
    r"|member|belongs|allowed|authori[sz]|\bhas[A-Z_]\w*\s*\(|\bis[A-Z_]\w*\s*\(|\bscope"
    r"|\b(?:in|include\?|includes|contains|has)\b")
"""A condition that checks whether the caller may act for another scope (a role, a membership, a list)."""
_CONDITION = lazy_re(r"^\s*(?:elif|elsif|when|case)\b|\b(?:if|unless)\b|\?\s*[^:]+:")
"""A line that decides: an `if` (leading or trailing, as Ruby writes it), a `case`/`when`, a ternary."""
_FUNCTION_START = lazy_re(
    r"^\s*(?:func|def|function|fn)\b|^\s*(?:public|private|protected)\s[^=;]*\)\s*\{?\s*$")
_WINDOW = 12
"""How many lines before the reassignment its identity assignment (and the request read) may be."""


@register(
    CheckSpec(
        id="ANY-CALLER-SCOPE-OVERRIDDEN",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go", "java", "ruby"}),
        title="The caller's own tenant or user id replaced by a value from the request",
        explanation=(
            "The scope first comes from who is calling, then a query parameter, header or body field the "
            "caller writes replaces it, so every later query runs for a tenant or user the caller chose. "
            "Keep the authenticated scope; if some callers (support staff, members of several tenants) may "
            "act for another, check that role or membership before taking the requested one."
        ),
    ),
    folded=("tenant", "org", "account", "workspace", "company", "team", "customer", "user", "owner"),
)
def caller_scope_overridden(ctx: FileContext) -> Iterator[Hit]:
    code = lex(ctx).code
    numbers = sorted(code)
    for index, no in enumerate(numbers):
        if no not in ctx.added:
            continue
        reassigned = _ASSIGN.match(code[no])
        if reassigned is None or not _SCOPE_NAME.match(reassigned.group("name")):
            continue
        name, value = reassigned.group("name"), reassigned.group("value")
        before = [n for n in numbers[max(0, index - _WINDOW):index] if n >= no - _WINDOW]
        window: list[int] = []
        for n in reversed(before):  # back to the start of the function
            if _FUNCTION_START.search(code[n]):
                break
            window.insert(0, n)
        origin = next((n for n in window if _is_identity_assignment(code[n], name)), None)
        if origin is None:
            continue
        after = [n for n in window if n > origin]
        if not _from_request(value, [code[n] for n in after]):
            continue
        conditions = [code[n] for n in after if _CONDITION.search(code[n])] + [code[no]]
        if any(_GUARDED.search(_without_request_reads(text)) for text in conditions):
            continue
        yield Hit(no, None, (
            f"`{name.lstrip('@')}` was the caller's own scope, from the authenticated identity; here a value "
            "from the request replaces it, with no role or membership check, so any signed-in user acts for "
            "a tenant or user of their choosing. Keep the caller's scope, or check that the caller may act "
            "for the requested one first."))


def _is_identity_assignment(text: str, name: str) -> bool:
    assigned = _ASSIGN.match(text)
    return assigned is not None and assigned.group("name") == name \
        and _FROM_IDENTITY.search(assigned.group("value")) is not None \
        and _REQUEST_DATA.search(assigned.group("value")) is None


def _from_request(value: str, before: list[str]) -> bool:
    """`value` reads the request, or names a variable that an earlier line in `before` read from it."""
    if _REQUEST_DATA.search(value):
        return True
    held = re.fullmatch(r"@?[A-Za-z_]\w*", value.strip())
    if held is None:
        return False
    word = re.escape(value.strip())
    bound = re.compile(rf"(?<![\w.@]){word}\s*(?::=|=)(?!=)\s*(?P<rest>.*)")
    return any((found := bound.search(text)) is not None and _REQUEST_DATA.search(found.group("rest"))
               for text in before)


def _without_request_reads(text: str) -> str:
    """The condition with the request reads blanked, so `req.query` or `"org" in request.args` (which only
    test whether a value was sent) is not taken for a membership check."""
    text = re.sub(r"""["'][^"']*["']\s+in\s+\S+""", " ", text)
    return _REQUEST_DATA.sub(" ", text)
