"""Go: a handler that loads a record by the id in its URL without the caller's identity, where the handlers
of the same collection read who is calling and scope by it.

    r.Get("/invoices", h.list)                      // principal := auth.FromContext(r.Context())
    r.Get("/invoices/{invoiceID}/pdf", h.pdf)

    func (h *InvoiceHandler) pdf(w http.ResponseWriter, r *http.Request) {
        id, err := strconv.ParseInt(chi.URLParam(r, "invoiceID"), 10, 64)
        inv, err := h.invoices.Get(r.Context(), id)   // any organisation's invoice

The collection's other handlers read the principal (`auth.FromContext`, `UserFromContext`, gin's
`c.MustGet("user")`) to scope their lookups to the caller's organisation or account; this one finds the
record by the id alone, so any signed-in caller reads another tenant's record by changing the id (an
insecure direct object reference).

Read only when the file shows the routes of both handlers (the same first path segment, after `api` and a
version) and the handler whole: it reads its route's parameter, passes the value to a lookup (`Get`, `Find`,
`Load`, `Query`...), and its body neither reads the caller's identity nor mentions a tenant, an owner, a user
or an account (a helper given any of them, a comparison with the loaded record).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, declared
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_IDENTITY = lazy_re(
    r"(?i:\b(?:auth\w*|user\w*|principal\w*|claims?|tenant\w*|identity|session\w*|account\w*|jwt\w*|"
    r"actor\w*|caller\w*))\.\w*From(?:Context|Request|Ctx)\w*\s*\(|"
    r"\b\w*(?:User|Principal|Claims|Tenant|Identity|Actor|Caller|Account|Org)\w*From(?:Context|Request|Ctx)\w*\s*\(|"
    r"\b(?:CurrentUser|currentUser|MustGetUser|mustGetUser)\s*\(|"
    r"\.MustGet\s*\(\s*\"(?i:user\w*|claims?|principal|tenant\w*|org\w*|account\w*|current_?user)\""
)
"""Reading who is calling: an auth package's `FromContext`, a `UserFromContext`-like helper, gin's
`c.MustGet("user")`."""
_SCOPE_WORDS = ("principal", "tenant", "org", "owner", "user", "account", "claims", "session", "caller",
                "actor", "member", "auth", "scope")
_ROUTE = lazy_re(
    r"\.\s*(?:GET|POST|PUT|PATCH|DELETE|Any|Get|Post|Put|Patch|Delete|HandleFunc|Handle)\(\s*"
    r"\"(?P<path>[^\"\n]+)\"\s*,\s*(?:[^,\n]*,\s*)*&?(?P<handler>[A-Za-z_][\w.]*)\s*\)"
)
_PARAM_READ = lazy_re(
    r"(?:URLParam|\.Param|\.Params|PathValue)\s*\(\s*(?:\w+\s*,\s*)?\"(?P<name>\w+)\"|Vars\s*\(\s*\w+\s*\)\s*\[\s*\"(?P<var>\w+)\""
)
_ASSIGNED = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?:,\s*[A-Za-z_]\w*\s*)*(?::=|=(?!=))")
_LOOKUP = lazy_re(
    r"(?<![\w.])[A-Za-z_]\w*(?:\.\w+)*\.(?P<method>(?:Get|Find|Load|Fetch|Lookup|Read|Query|QueryRow|First|Take|"
    r"List|Delete|Remove|Update|Download|Open)\w*)\s*\("
)
_SEGMENTS_SKIPPED = lazy_re(r"^(?:api|v\d+(?:\.\d+)?)$")


@register(
    CheckSpec(
        id="GO-LOOKUP-NOT-CALLER-SCOPED",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Record loaded by its URL id without the caller's identity its sibling handlers scope by",
        explanation=(
            "The other handlers of this collection read who is calling and scope their lookups by it; this "
            "one finds the record by the id in the URL alone, so any signed-in caller reads (or changes) "
            "another tenant's record by changing the id. Read the caller as the siblings do and pass the "
            "tenant or owner to the lookup (`Get(ctx, principal.OrgID, id)`), or compare the loaded "
            "record's owner with the caller and answer 404."
        ),
    ),
    needs=("FromContext", "FromRequest", "FromCtx", "CurrentUser", "currentUser", "MustGet"),
)
def lookup_not_caller_scoped(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    routes: dict[str, list[str]] = {}
    route_marks = ('("/', '("GET ', '("POST ', '("PUT ', '("PATCH ', '("DELETE ')  # net/http 1.22: "GET /x"
    for no in sorted(lines_containing(lexed.code, route_marks)):
        for route in _ROUTE.finditer(lexed.code.get(no, "")):
            routes.setdefault(route.group("handler").rsplit(".", 1)[-1], []).append(route.group("path"))
    if len(routes) < 2:
        return
    scoped = _handlers_reading_identity(lexed)
    if not scoped:
        return
    scoped_collections = {_collection(path) for name in scoped for path in routes.get(name, [])}
    scoped_collections.discard("")
    funcs = declared(ctx)
    for name, paths in routes.items():
        handler = funcs.get(name)
        if handler is None or handler.literal or not handler.is_handler or name in scoped:
            continue
        if not any(_collection(path) in scoped_collections and _has_param(path) for path in paths):
            continue
        hit = _unscoped_lookup(lexed, handler)
        if hit is not None:
            yield hit


def _has_param(path: str) -> bool:
    return "{" in path or "/:" in path


def _collection(path: str) -> str:
    """The first static segment of a route's path, after `api` and a version: `invoices` for
    `/api/v1/invoices/{id}/pdf`."""
    for segment in path.rsplit(" ", maxsplit=1)[-1].split("/"):
        if segment and not _SEGMENTS_SKIPPED.match(segment):
            return "" if segment.startswith((":", "{")) else segment.lower()
    return ""


def _handlers_reading_identity(lexed: Lexed) -> set[str]:
    """Names of the functions (known by their header, whole or not) whose body reads the caller's identity."""
    out: set[str] = set()
    header = re.compile(r"^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\(")
    for no in sorted(lines_containing(lexed.bare, ("From", "CurrentUser", "currentUser", "MustGet"))):
        if not _IDENTITY.search(lexed.code.get(no, "")):
            continue
        for back in range(no - 1, max(0, no - 120), -1):
            text = lexed.bare.get(back)
            if text is None:
                break
            found = header.match(text)
            if found is not None:
                out.add(found.group(1))
                break
    return out


def _unscoped_lookup(lexed: Lexed, handler: GoFunc) -> Hit | None:
    """The line of the handler's lookup by its URL parameter, when nothing in the handler looks at who is
    calling."""
    body = [(n, lexed.code.get(n, "")) for n in range(handler.first + 1, handler.last + 1)]
    lowered = "\n".join(text for _n, text in body).lower()
    if _IDENTITY.search(lowered) or any(word in lowered for word in _SCOPE_WORDS):
        return None
    ids: set[str] = set()
    for no, text in body:
        if ids:
            for call in _LOOKUP.finditer(text):
                args = text[call.end():]
                if any(re.search(rf"(?<![\w.]){re.escape(name)}\b", args) for name in ids):
                    return Hit(no, None, (
                        f"`{call.group(0).rstrip('( ')}(...)` finds the record by the URL's id alone: the "
                        "sibling handlers of this collection read the caller's identity and this one never "
                        "does, so any caller can read another tenant's record by its id."))
        if _PARAM_READ.search(text):
            assigned = _ASSIGNED.match(text)
            if assigned is not None:
                ids.add(assigned.group(1))
    return None
