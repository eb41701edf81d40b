"""JavaScript/TypeScript: a handler that knows who is calling, and loads a record by the id it was given
alone, never looking at the caller.

    @Get(':id/pdf')
    async download(@Param('id') id: string, @CurrentUser() user: User) {
      const receipt = await this.receipts.findOneBy({ id });     // anyone's receipt
      ...

    router.get('/receipts/:id', requireAuth, async (req, res) => {
      const receipt = await prisma.receipt.findUnique({ where: { id: req.params.id } });
      ...

The handler is handed the signed-in caller (a NestJS `@CurrentUser()`/`@User()`/`@AuthUser()` parameter, a
parameter typed for one, or, in Express, an authentication middleware on the route) so it is expected to
keep to what that caller may see; but the lookup finds the record by its id alone and the caller is not
mentioned anywhere in the handler (no `userId`/`ownerId`/tenant in the query, no ownership comparison, no
policy call, no helper given the caller): any signed-in user reads or changes another's record by its id.

Reported on the lookup, in a handler known entire, when the lookup (`findUnique`, `findFirst`, `findOne`,
`findOneBy`, `findById`, `findByPk`, `get…ById`, `find…ById`, a service's `findOne`/`get`) takes the id as its
only argument or as the only key of its filter. Left alone: handlers that mention the caller in any way,
and those that check a role or permission (`@Roles`, `@UseGuards(...Policy/Owner...)`, `authorize(`,
`can(`).

A second shape (`_sibling_scope`): a Prisma lookup by id (any handler, tRPC procedures included) that leaves
out the tenant or owner filter the file's other lookups of the same model take from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._caller_use import caller_may_scope, names_pattern
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._sibling_scope import js_sibling_scope_hits
from persona_review.checks._spans import Span, bracket_span, lines_of, split_args, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NEST_ROUTE = lazy_re(r"^\s*@(?:Get|Post|Put|Patch|Delete)\s*\(")
_CALLER_DECORATOR = lazy_re(
    r"@(?!UserAgent\b)(?:\w*User\w*|CurrentAccount|CurrentTenant|Principal)"
    r"\s*\([^()]*\)\s*(?P<name>[A-Za-z_$][\w$]*)"
)
_CALLER_TYPED = lazy_re(
    r"(?P<name>[A-Za-z_$][\w$]*)\s*:\s*(?:Current\w*|Authenticated\w*|LoggedIn\w*|\w*Principal|JwtPayload"
    r"|SessionUser|AuthUser|RequestUser)\b"
)
_ID_PARAM = lazy_re(r"@Param\s*\(\s*['\"`](?P<key>\w+)['\"`][^()]*\)\s*(?P<name>[A-Za-z_$][\w$]*)")
_EXPRESS_ROUTE = lazy_re(
    r"(?<![\w$.])(?:app|router|[\w$]*[Rr]outer|server|routes|api)\s*\.\s*(?:get|post|put|patch|delete)\s*\("
)
_PATH_WITH_PARAM = lazy_re(r"""^\s*(['"`])(/[^'"`]*:\w+[^'"`]*)\1""")
_AUTH_MIDDLEWARE = lazy_re(
    r"auth|logged|signed|protect|session|jwt|passport|requireUser|currentUser|ensureUser|login", re.IGNORECASE
)
_EXPRESS_CALLER = lazy_re(
    r"\b(?:req|request)\s*\.\s*(?:user|auth|session|account|tenant|principal)\b|\bres\s*\.\s*locals\b"
    r"|\bctx\s*\.\s*state\b|\bcurrentUser\b|\bgetUser\w*\s*\(|\bauth\s*\("
)
_POLICY = lazy_re(
    r"@Roles\b|@UseGuards\s*\([^)]*(?:Owner|Policy|Permission|Role|Access)|\bauthori[sz]e\w*\s*\(|\bcan\s*\("
    r"|\bability\b|\bassert\w*(?:Owner|Access|Permission)\w*\s*\(|\bcheck\w*(?:Owner|Access|Permission)\w*\s*\(",
    re.IGNORECASE,
)
_LOOKUP = lazy_re(
    r"\.\s*(?P<method>findUnique(?:OrThrow)?|findFirst(?:OrThrow)?|findOne(?:By|OrFail|ByOrFail)?|findById"
    r"|findByPk|get\w*ById|find\w*ById|findByIdAnd(?:Update|Delete|Remove)|getOne|findOneOrFail|where"
    r"|update|delete)\s*\("
)


@register(
    CheckSpec(
        id="JS-LOOKUP-IGNORES-CALLER",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Record loaded by its id alone in a handler that is handed the caller",
        explanation=(
            "The handler knows who is calling but finds the record by the id in the request alone, so any "
            "signed-in user reads or changes another user's or tenant's record by changing the id (an "
            "insecure direct object reference). Put the caller in the query (`where: { id, ownerId: "
            "user.id }`) or compare the loaded record's owner with the caller and answer 404."
        ),
    ),
    needs=("findUnique", "findFirst", "findOne", "findById", "findByPk", "ById", "getOne", "where"),
)
def lookup_ignores_caller(ctx: FileContext) -> Iterator[Hit]:
    seen = set()
    for hit in js_sibling_scope_hits(ctx):
        seen.add(hit.line)
        yield hit
    lexed = lex(ctx)
    found_handlers = [h for no, code, bare in lines_of(lexed)
                      if (h := _nest_handler(lexed, no, bare) or _express_handler(lexed, no, code, bare))]
    for handler in [*found_handlers, *_separate_handlers(ctx, lexed)]:
        span, caller, ids = handler
        if _POLICY.search(span.code):
            continue
        body_text = _after_params(span.code) if caller is not None else span.code
        mention = names_pattern([caller]) if caller is not None else _EXPRESS_CALLER
        assert mention is not None
        if caller_may_scope(body_text, mention):
            continue  # the caller is used for more than a stamp, a log line or a nil test
        found = _lookup_by_id_alone(lexed, span, ids)
        if found is not None:
            line, shown = found
            if line in seen:
                continue
            whose = f"`{caller}`" if caller is not None else "the signed-in caller"
            yield Hit(line, None, f"`{shown}` finds the record by its id alone; the handler is handed "
                                  f"{whose} and never checks that the record is theirs.")


_REQ_HANDLER = lazy_re(
    r"(?:\bfunction\b\s*[\w$]*\s*|=>\s*|^\s*(?:async\s+)?[\w$]+\s*|[=:]\s*(?:async\s*)?)"
    r"\(\s*(?:req|request)\s*(?::\s*[\w$.<>]+)?\s*,\s*(?:res|reply|response)\b[^()]*\)\s*(?::\s*[^{=]+)?(?:=>)?\s*$"
)
"""An handler's header written apart from its route (`exports.remove = async (req, res) =>`)."""
_REQ_ID = lazy_re(r"\b(?:req|request)\s*\.\s*params\s*\.\s*(?P<key>\w+)")
_REQ_ID_LOCAL = lazy_re(
    r"\b(?:const|let|var)\s*\{(?P<names>[^}]*)\}\s*=\s*(?:req|request)\s*\.\s*params\b")
_QUERY_LINE = lazy_re(r"\.\s*(?:find\w*|where|count\w*|select\w*|update\w*|delete\w*|destroy)\s*\(")
_SERVICE_METHOD = lazy_re(
    r"^\s*(?:(?:public|private|protected|async|static)\s+)*(?!(?:if|for|while|switch|catch|function)\b)[\w$]+\s*"
    r"\((?P<params>[^()]*)\)\s*(?::\s*[^{=]+)?$"
)
_ID_TYPED = lazy_re(r"(?P<name>(?:id|[a-z][\w$]*Id))\s*:\s*(?:string|number|bigint)\b")


def _separate_handlers(ctx: FileContext, lexed: Lexed) -> Iterator[tuple[Span, str | None, set[str]]]:
    """Handlers written apart from their routes: `(req, res)` functions in a file whose other such handlers
    put the caller in a query (`Bookmark.find({ user: req.user.id })`), and methods (a NestJS service's)
    handed a caller-typed parameter (`user: AuthUser`) and an id (`id: string`)."""
    handlers: list[tuple[Span, set[str], bool]] = []
    for block in blocks_of(ctx).all():
        own = block.header.rsplit("\n", 1)[-1]
        header = own if own.strip() else block.header
        first, last = block.first, block.last
        lines = [lexed.code.get(n, "") for n in range(first, last + 1)]
        lines[0] = lines[0][block.col:]
        code = "\n".join(lines)
        span = Span(first, last, "()" + code, "()" + code)  # a body alone: no parameters for `_after_params`
        if _REQ_HANDLER.search(header):
            ids = {f"req.params.{m.group('key')}" for m in _REQ_ID.finditer(code) if _id_like(m.group("key"))}
            ids |= {f"request.params.{k.rsplit('.', 1)[-1]}" for k in ids}
            for local in _REQ_ID_LOCAL.finditer(code):
                ids |= {n.split(":")[-1].strip() for n in local.group("names").split(",")
                        if _id_like(n.split(":")[0].strip())}
            scoped = any(_QUERY_LINE.search(line) and _EXPRESS_CALLER.search(line) for line in lines)
            handlers.append((span, ids, scoped))
            continue
        method = _SERVICE_METHOD.search(header)
        if method is None:
            continue
        caller = _CALLER_TYPED.search(method.group("params"))
        ids = {m.group("name") for m in _ID_TYPED.finditer(method.group("params"))}
        if caller is not None and ids:
            yield span, caller.group("name"), ids
    if any(scoped for _span, _ids, scoped in handlers):
        for span, ids, scoped in handlers:
            if ids and not scoped:
                yield span, None, ids


def _nest_handler(lexed: Lexed, no: int, bare: str) -> tuple[Span, str | None, set[str]] | None:
    if not _NEST_ROUTE.match(bare):
        return None
    method = no
    decorators = ""
    while method in lexed.bare and lexed.bare[method].lstrip().startswith("@"):
        end = statement_span(lexed, method).last
        decorators += " ".join(lexed.code.get(n, "") for n in range(method, end + 1))
        method = end + 1
    if method not in lexed.bare:
        return None
    span = statement_span(lexed, method)
    params = _params(span.code)
    caller = _CALLER_DECORATOR.search(params) or _CALLER_TYPED.search(params)
    ids = {m.group("name") for m in _ID_PARAM.finditer(params) if _id_like(m.group("key"))}
    if caller is None or not ids or _POLICY.search(decorators):
        return None
    return span, caller.group("name"), ids


def _express_handler(lexed: Lexed, no: int, code: str, bare: str) -> tuple[Span, str | None, set[str]] | None:
    if "(" not in bare:
        return None
    for match in _EXPRESS_ROUTE.finditer(bare):
        literal = _PATH_WITH_PARAM.match(code[match.end():])
        if literal is None:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        args = split_args(span)
        if len(args) < 3 or not any(_AUTH_MIDDLEWARE.search(arg) for arg in args[1:-1]):
            return None
        keys = {key for key in re.findall(r":(\w+)", literal.group(2)) if _id_like(key)}
        ids = {f"req.params.{key}" for key in keys} | keys
        return span, None, ids
    return None


def _id_like(key: str) -> bool:
    return key == "id" or key.endswith(("Id", "_id", "ID"))


def _params(code: str) -> str:
    """The parameter list of a method declaration's span (up to the `)` closing the first `(`)."""
    start = code.find("(")
    depth = 0
    for i in range(start, len(code)):
        if code[i] == "(":
            depth += 1
        elif code[i] == ")":
            depth -= 1
            if depth == 0:
                return code[start:i + 1]
    return code[start:]


def _after_params(bare: str) -> str:
    params = _params(bare)
    at = bare.find(params) + len(params) if params else 0
    return bare[at:]


def _lookup_by_id_alone(lexed: Lexed, span: Span, ids: set[str]) -> tuple[int, str] | None:
    id_names = {name.rsplit(".", 1)[-1] for name in ids} | ids
    for no in range(span.first, span.last + 1):
        bare = lexed.bare.get(no, "")
        for match in _LOOKUP.finditer(bare):
            args = bracket_span(lexed, no, match.end() - 1)
            inner = re.sub(r"\s+", "", args.code[1:-1]).rstrip(",")
            if _only_the_id(inner, ids, id_names):
                head = bare[: match.start()].rstrip()
                receiver = re.search(r"[\w$.]+$", head)
                shown = f"{receiver.group(0) if receiver else ''}.{match.group('method')}(...)"
                return no, shown
    return None


def _only_the_id(inner: str, ids: set[str], id_names: set[str]) -> bool:
    """Whether a lookup's arguments are the id alone: `id`, `req.params.id`, `{ id }`, `{ id: x }`,
    `{ where: { id } }` (a conversion such as `Number(id)` included)."""
    names = "|".join(re.escape(i) for i in sorted(ids))
    value = rf"(?:Number|String|parseInt|BigInt)?\(?(?:{names})\)?"
    if re.fullmatch(value, inner):
        return True
    keys = "|".join(re.escape(k) for k in sorted(id_names | {"id", "_id"}))
    field = rf"(?:(?:{keys})|(?:{keys}):{value})"
    return re.fullmatch(rf"\{{(?:where:)?\{{?{field}\}}?(?:,{_NOT_FILTER}:.*)?\}}", inner) is not None


_NOT_FILTER = (r"(?:data|relations|include|select|order(?:By)?|populate|lean|cache|lock|withDeleted|"
               r"projection)")
"""Keys of a lookup's options beside its filter: what to load or change, not which record."""
