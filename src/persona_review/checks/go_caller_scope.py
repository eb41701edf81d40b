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

from persona_review.checks._caller_use import names_pattern, scoping_use
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
    r"\b(?i:auth\w*|session\w*|identity|claims?)\.\w*(?:User|Account|Org|Tenant|Principal|Caller|Actor|Member)"
    r"\w*\s*\(\s*(?:r\.Context\(\)|ctx|c\.Request\.Context\(\)|c|r)\s*\)|"
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
_NOT_A_STORE = lazy_re(
    r"^(?:conf|config|cfg|settings|opts|options)\b|\.(?:conf|config|cfg|settings)\b|"
    r"\(\s*(?:ctx|r\.Context\(\)|c\.Request\.Context\(\)|c\.UserContext\(\))\s*\)"
)
"""A lookup's receiver that is not a plain data store: configuration (`conf.GetOidcProvider(name)`), or a
repository made from the request's context (`ds.MediaFile(ctx).Get(id)`), which may carry the caller's
scope into every query it makes."""
_RELATIVE = lazy_re(r"^(?:[A-Z]+ )?/(?:\{|:)")
"""A path that starts at the id (`/{id}/cancel`): a route of a sub-router mounted on the collection
(`r.Mount("/shipments", h.Routes())`), whose collection is the router itself."""
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
    needs=("uth.", "dentity.", "FromContext", "FromRequest", "FromCtx", "CurrentUser", "currentUser",
           "MustGet", "From(ctx", "From(", "GetString(", "GetUint", "GetInt", "Locals(", "Value(", "laims",
           "Member(", "ession", "User(", "user("),
)
def lookup_not_caller_scoped(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    seen: set[int] = set()
    for each in [*_caller_only_nil_checked(ctx, lexed), *caller_read_unscoped(ctx, lexed)]:
        if each.line not in seen:
            seen.add(each.line)
            yield each
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
    scoped_paths = [path for name in scoped for path in routes.get(name, [])]
    scoped_collections = {_collection(path) for path in scoped_paths}
    if not any(_RELATIVE.match(path) for path in scoped_paths):
        # "" stands for the sub-router itself only when its paths start at an id
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
    for no in sorted(lines_containing(lexed.bare, ("From", "CurrentUser", "currentUser", "MustGet", "uth.",
                                                   "ession.", "dentity.", "laims."))):
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
                if _NOT_A_STORE.search(call.group(0).rsplit(".", 1)[0]):
                    continue
                # the call's arguments may run onto the next lines
                end = _statement_end(lexed, no, handler.last + 1)
                rest = (lexed.code.get(n, "") for n in range(no + 1, end + 1))
                args = "\n".join([text[call.end():], *rest])
                if any(re.search(rf"(?<![\w.]){re.escape(name)}\b", args) for name in ids):
                    return Hit(no, end if end > no else None, (
                        f"`{call.group(0).rstrip('( ')}(...)` finds the record by the URL's id alone: the "
                        "sibling handlers of this collection read the caller's identity and this one never "
                        "does, so any caller can read another tenant's record by its id."))
        if _PARAM_READ.search(text):
            assigned = _ASSIGNED.match(text)
            if assigned is not None:
                ids.add(assigned.group(1))
    return None


# --- A function that reads the caller only to see that there is one ----------------------------------------

_CALLER_READ = lazy_re(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*(?:,\s*(?P<ok>[A-Za-z_]\w*)\s*)?:?=\s*[\w.]*?"
    r"(?:\b\w*(?:User|Viewer|Principal|Claims|Caller|Actor|Identity|Session|Member)\w*From\w*|"
    r"(?i:auth\w*|session\w*|identity)\.\w*From\w*|CurrentUser|currentUser)\s*\("
)
"""`viewer := auth.ViewerFrom(ctx)`, `user, ok := authn.UserFromContext(ctx)`."""
_NIL_TEST = r"(?:{var}\s*[!=]=\s*nil|nil\s*[!=]=\s*{var}|!\s*{ok}\b|\b{ok}\s*[!=]=\s*(?:true|false))"
_ID_ARG_TYPES = frozenset({"string", "int", "int32", "int64", "uint", "uint64", "uuid.UUID", "ulid.ULID"})
_ID_NAME = lazy_re(r"^(?:id|[a-z]\w*(?:ID|Id))$")
_SCOPED_WORDS = lazy_re(
    r"(?i)tenant|\borg|owner|account|workspace|team|member|permission|authori[sz]|policy|\bcan\w*\(|allowed|"
    r"\baccess|role|admin"
)


def _caller_only_nil_checked(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """A function (a gqlgen resolver, an RPC method, a handler) given a record's id that reads the caller,
    tests only whether there is one (`if viewer == nil`), and loads the record by the id: signed in is all
    it asks, so any caller reads any tenant's record by its id."""
    for func in declared(ctx).values():
        if func.literal:
            continue
        ids = {name for name, typ in func.params.items() if typ in _ID_ARG_TYPES and _ID_NAME.match(name)}
        if not ids:
            continue
        lines = [(n, lexed.code.get(n, "")) for n in range(func.first + 1, func.last)]
        read = next(((n, m) for n, text in lines if (m := _CALLER_READ.match(text)) is not None), None)
        if read is None:
            continue
        no_read, found = read
        var, ok = found.group("var"), found.group("ok") or "\x00"
        nil_test = re.compile(_NIL_TEST.format(var=re.escape(var), ok=re.escape(ok)))
        rest = "\n".join(nil_test.sub(" ", text) for n, text in lines if n != no_read)
        if re.search(rf"(?<![\w.]){re.escape(var)}\b", rest) or _SCOPED_WORDS.search(rest):
            continue  # the caller is used, or the function looks at a tenant, an owner or a permission
        for n, text in lines:
            if n <= no_read:
                continue
            for call in _LOOKUP.finditer(text):
                args = text[call.end():]
                if n in ctx.added and any(re.search(rf"(?<![\w.]){re.escape(i)}\b", args) for i in ids):
                    yield Hit(n, None, (
                        f"`{call.group(0).rstrip('( ')}(...)` loads the record by `{', '.join(sorted(ids))}` "
                        f"alone: `{var}` is read only to see that someone is signed in, so any caller gets "
                        "another tenant's record by its id. Pass the caller's tenant or owner to the lookup, "
                        "or compare the record's owner with it and answer not found."))
                    break
            else:
                continue
            break


# --- A handler that reads the caller for other things than the lookup -------------------------------------

_GO_CALLER_EXPR = (
    r"\b\w*(?:User|Viewer|Principal|Claims|Caller|Actor|Identity|Session|Member|Account|Tenant)\w*\s*\("
    r"|\b(?i:auth\w*|session\w*|identity|authn|authctx)\.\w+\s*\("
    r"|\b(?:user|viewer|principal|claims|caller|actor|identity|session|member|account|tenant)\w*\s*\("
    r"|(?<=\.)(?:MustGet|Get(?:String|Uint\w*|Int\w*)?|Locals|Value)\s*\(\s*\"?(?i:\w*(?:user|org|tenant|account|"
    r"shop|team|workspace|claims|principal|member|company|seller|customer|session)\w*)\"?\s*\)"
)
"""Reading who is calling: `claimsFrom(r.Context())`, `auth.UserFrom(ctx)`, `currentUser(c)`,
`authctx.Member(c)`, gin's `c.GetString("orgID")`, `c.MustGet("shopID")`, fiber's `c.Locals("user")`."""
_GO_CALLER_READ = lazy_re(
    rf"^\s*(?P<var>[A-Za-z_]\w*)\s*(?:,\s*(?P<ok>[A-Za-z_]\w*)\s*)?:?=\s*(?:[\w.]+\.)?(?:{_GO_CALLER_EXPR})"
)
_GO_DATA_CALL = lazy_re(
    r"(?<![\w.])(?P<recv>[A-Za-z_]\w*(?:\.\w+|\([^()]*\))*)\.(?P<method>(?:Get|Find|Load|Fetch|Lookup|Query|QueryRow|"
    r"First|Take|Delete|Remove|Update|Exec|Select|Where|Scan)\w*)\s*\("
)
_GO_PARAM_INLINE = lazy_re(
    r"(?:URLParam|\.Param|\.Params|PathValue)\s*\(\s*(?:\w+\s*,\s*)?\"\w+\"|Vars\s*\(\s*\w+\s*\)\s*\[\s*\"\w+\""
)
_GO_PRIVILEGED = lazy_re(r"(?i)admin|staff|internal|superuser|backoffice|operator")
_GO_RECEIVER = lazy_re(r"^\s*func\s*\(\s*\w*\s*\*?\s*(\w+)\s*\)")


def caller_read_unscoped(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """A handler that reads the caller (or whose sibling handlers on the same type read and scope by it) and
    loads a record by the request's id with a lookup the caller never reaches (`caller_use`)."""
    funcs = [f for f in declared(ctx).values() if not f.literal and (f.is_handler or f.context_param)]
    scoped_types: set[str] = set()
    unread: list[tuple[GoFunc, str]] = []
    for func in funcs:
        receiver = _GO_RECEIVER.match(lexed.code.get(func.first, ""))
        kind = receiver.group(1) if receiver else ""
        body = [(n, lexed.code.get(n, "")) for n in range(func.first + 1, func.last)]
        reads = {n: m for n, text in body if (m := _GO_CALLER_READ.match(text)) is not None}
        if not reads:
            unread.append((func, kind))
            continue
        names = {m.group("var") for m in reads.values()}
        mention = names_pattern(names)
        assert mention is not None
        if any(_GO_DATA_CALL.search(text) and mention.search(text) for n, text in body if n not in reads):
            scoped_types.add(kind)
        if _GO_PRIVILEGED.search(func.name) or (not func.is_handler and not _id_params(func)):
            continue
        if not any(mention.search(text) for n, text in body if n not in reads):
            continue  # read and never used: the store may take the caller from the context
        for lookup in _go_lookups(lexed, func, body, set(reads)):
            first, last, shown, record = lookup
            if first not in ctx.added:
                continue
            if scoping_use(body, mention, (first, last), ids=_ids_pattern(func, body), records=[record],
                           skip=reads) is None:
                yield Hit(first, None, (
                    f"`{shown}(...)` finds the record by the request's id alone: the handler reads the "
                    f"caller (`{sorted(names)[0]}`) but only to stamp, log or render with it, so any "
                    "signed-in caller reaches another tenant's record by its id. Pass the caller's tenant or "
                    "owner to the lookup, or compare the record's owner with the caller (not found)."))
                break
    for func, kind in unread:
        if kind not in scoped_types or _GO_PRIVILEGED.search(func.name) or not func.is_handler:
            continue
        body = [(n, lexed.code.get(n, "")) for n in range(func.first + 1, func.last)]
        lowered = "\n".join(text for _n, text in body).lower()
        if any(word in lowered for word in _SCOPE_WORDS) or _SCOPED_WORDS.search(lowered):
            continue
        for first, _last, shown, _record in _go_lookups(lexed, func, body, set()):
            if first in ctx.added:
                yield Hit(first, None, (
                    f"`{shown}(...)` finds the record by the request's id alone, while the other handlers of "
                    f"`{kind}` read the caller and scope their queries by it: any signed-in caller reaches "
                    "another tenant's record by its id. Scope this lookup the same way."))
                break


def _id_params(func: GoFunc) -> set[str]:
    return {name for name, typ in func.params.items() if typ in _ID_ARG_TYPES and _ID_NAME.match(name)}


def _ids_pattern(func: GoFunc, body: list[tuple[int, str]]) -> re.Pattern[str]:
    names = _id_params(func) | {m.group(1) for _n, text in body if _PARAM_READ.search(text)
                                and (m := _ASSIGNED.match(text)) is not None}
    parts = [rf"(?<![\w.]){re.escape(n)}\b" for n in sorted(names)] + [_GO_PARAM_INLINE.pattern]
    return re.compile("|".join(parts))


def _go_lookups(lexed: Lexed, func: GoFunc, body: list[tuple[int, str]],
                reads: set[int]) -> Iterator[tuple[int, int, str, str]]:
    """(first line, last line, shown call, assigned record) of each data call given the request's id."""
    ids = _ids_pattern(func, body)
    own = {name for name in func.params if name}
    for no, text in body:
        if no in reads:
            continue
        for call in _GO_DATA_CALL.finditer(text):
            if call.group("recv").split(".", 1)[0] in own and "." not in call.group("recv") \
                    and not func.context_param:
                continue  # the request's own accessors (`c.Get`, `r.FormValue`)
            if call.group("recv").split(".", 1)[0] in {"c", "r", "w", "ctx", "req", "chi", "mux", "strconv"}:
                continue
            if _NOT_A_STORE.search(call.group("recv")):
                continue  # configuration, or a repository made from the request context (it may scope)
            last = _statement_end(lexed, no, func.last)
            args = "\n".join([text[call.end():], *(lexed.code.get(n, "") for n in range(no + 1, last + 1))])
            if not ids.search(args):
                continue
            assigned = _ASSIGNED.match(text)
            record = assigned.group(1) if assigned else ""
            yield no, last, f"{call.group('recv')}.{call.group('method')}", record
            break


def _statement_end(lexed: Lexed, no: int, limit: int) -> int:
    depth = 0
    for n in range(no, limit):
        text = lexed.bare.get(n, "")
        depth += text.count("(") - text.count(")") + text.count("{") - text.count("}")
        if depth <= 0 and not text.rstrip().endswith((".", ",", "(")):
            return n
    return no
