"""Java: a method that is handed the caller (the signed-in user, principal or tenant) and loads a record by
its id alone, never looking at the caller.

    @Transactional(readOnly = true)
    public SignedDocument downloadSigned(CurrentUser user, UUID id) {
        Contract contract = contracts.findById(id)               // anyone's contract
                .orElseThrow(() -> new ContractNotFoundException(id));
        ...

The signature says whose request this is, so the method is expected to keep to what that caller may see;
but the lookup finds the record by its id alone and the caller is not mentioned anywhere in the body (no
scoped query such as `findByIdAndOwnerId(id, user.id())`, no ownership check, no helper given the caller):
any signed-in user reads or changes another's record by its id (an insecure direct object reference).

Reported on the lookup, in a method known entire whose parameters are a caller (a type named
`Current…`/`Authenticated…`/`LoggedIn…`/`…Principal`, `Authentication`, `UserDetails`, `Jwt`, or a parameter
annotated `@AuthenticationPrincipal`/`@CurrentUser`) and an id that a repository lookup (`findById`,
`getById`, `getReferenceById`, `find…ById`, `findOne`, `deleteById`, Panache's `find("id", id)`) takes as its
only argument. Left alone: a method annotated `@PreAuthorize`/`@PostAuthorize`/`@Secured`/`@RolesAllowed`
(checked declaratively), a method whose body uses the caller (or reads the security context) in a way that
may scope the record (`_caller_use`: not only to stamp, log or render with it), and tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._caller_use import names_pattern, scoping_use
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CALLER_PARAM = lazy_re(
    r"(?:@(?:AuthenticationPrincipal|CurrentUser|AuthUser|LoggedInUser)(?:\([^()]*\))?\s+(?:final\s+)?"
    r"[\w.<>]+|\b(?:Current\w*|Authenticated\w*|LoggedIn\w*|\w*Principal|Authentication|UserDetails|Jwt|"
    r"SecurityContext|SecurityIdentity|JsonWebToken))"
    r"\s+(?P<name>[a-z_$][\w$]*)\s*[,)]"
)
_ID_PARAM = lazy_re(r"\b(?:UUID|Long|long|Integer|int|String)\s+(?P<name>(?:id|[a-z]\w*Id))\s*[,)]")
_LOOKUP = (r"\.\s*(?:(?:findById|getById|getReferenceById|findOne|getOne|find\w*ById|get\w*ById|deleteById)"
           r"\s*\(\s*{id}|find\s*\(\s*\w+\.class\s*,\s*{id}|find\s*\(\s*\"id\"\s*,\s*{id})\s*\)")
_CALLER_FIELD = lazy_re(
    r"^\s*(?:(?:private|protected|public|final)\s+)*(?:SecurityIdentity|JsonWebToken|CurrentUser\w*|"
    r"AuthenticatedUser\w*)\s+(?P<name>[a-z_$][\w$]*)\s*;")
"""An injected caller (Quarkus' `@Inject SecurityIdentity identity;`): every method of the class has it."""
_RECORD = lazy_re(r"^\s*(?:final\s+)?(?:var|[A-Z][\w.<>]*)\s+([a-z_$][\w$]*)\s*=")
"""A lookup by the id alone: a Spring Data/Panache/Micronaut `findById(id)`, JPA's
`em.find(Report.class, id)`."""
_DECLARATIVE = lazy_re(r"@(?:PreAuthorize|PostAuthorize|Secured|RolesAllowed|PostFilter)\b")
_SECURITY_CONTEXT = lazy_re(r"\bSecurityContextHolder\b|\bgetUserPrincipal\s*\(|\bgetRemoteUser\s*\(")
_METHOD = lazy_re(
    r"\b(?:public|protected)\s+[^=;]*\b([a-zA-Z_$][\w$]*)\s*\([^;]*\)\s*(?:throws\s+[\w.$,\s]+)?$"
)


def _method_header(header: str) -> bool:
    """Whether a block's header ends a method's signature, one spread over a few lines included."""
    lines = [line for line in header.split("\n") if line.strip()]
    for count in range(1, min(4, len(lines)) + 1):
        joined = " ".join(line.strip() for line in lines[-count:])
        if "(" in joined and _METHOD.search(joined) is not None:
            return True
        if "(" in lines[-count] and count > 1:
            break
    return False


def _declaration_start(lexed: Lexed, first: int, declaration: str) -> int:
    """The first line of the member's declaration (`declaration_of` reads it back from the brace's line)."""
    return first - declaration.count("\n")


@register(
    CheckSpec(
        id="JAVA-LOOKUP-IGNORES-CALLER",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Record loaded by id alone in a method handed the caller",
        explanation=(
            "The method is told who is calling, yet loads the record by its id alone and never looks at the "
            "caller: any signed-in user reads or changes another user's (or tenant's) record by guessing or "
            "enumerating its id. Scope the lookup to the caller (`findByIdAndOwnerId(id, user.id())`, a "
            "tenant filter) or check the loaded record's owner before using it, and answer 404 when it is "
            "not theirs."
        ),
    ),
    needs=("ById(", "findOne(", "getOne(", ".class,", 'find("id"'),
)
def lookup_ignores_caller(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    yield from _sibling_scope(ctx)
    lexed = lex(ctx)
    field = next((m.group("name") for no in sorted(lexed.code)
                  if (m := _CALLER_FIELD.match(lexed.code[no])) is not None), None)
    for block in blocks_of(ctx).all():
        if not _method_header(block.header):
            continue
        declaration = declaration_of(lexed, block)
        if _declaration_start(lexed, block.first, declaration) - 1 not in lexed.bare:
            continue  # the annotations above the signature are not in view (a hunk starts there)
        signature = signature_of(declaration)
        found = _CALLER_PARAM.search(declaration)
        caller = found.group("name") if found is not None else field
        if caller is None or _DECLARATIVE.search(declaration):
            continue
        ids = [m.group("name") for m in _ID_PARAM.finditer(signature)]
        if not ids:
            continue
        body = {n: lexed.bare.get(n, "") for n in range(block.first, block.last + 1)}
        body[block.first] = body[block.first][block.col + 1 :]
        code = [(n, lexed.code.get(n, "")) for n in range(block.first + 1, block.last + 1)]
        mention = names_pattern([caller], _SECURITY_CONTEXT.pattern)
        assert mention is not None
        id_names = f"(?:{'|'.join(map(re.escape, ids))})"
        lookup = re.compile(_LOOKUP.format(id=id_names))
        for no, line in body.items():
            found = lookup.search(lexed.code.get(no, "")) if "(" in line else None
            record = _RECORD.match(line)
            if found is not None and scoping_use(
                    code, mention, (no, no), ids=re.compile(rf"(?<![\w$.]){id_names}\b"),
                    records=[record.group(1)] if record else []) is None:
                yield Hit(no, message=(
                    f"This loads the record by its id alone, and `{caller}`, the caller this "
                    "method is handed, is never looked at: any signed-in user gets another's record by its "
                    "id. Scope the lookup to the caller, or check the record's owner and answer 404."))
                break


# --- The sibling shape: the class's other methods scope the same repository's lookups -------------------

_SCOPED_LOOKUP = lazy_re(
    r"(?<![\w$.])(?P<recv>[A-Za-z_$][\w$]*)\s*\.\s*(?:<[\w.]+>\s*)?(?:find|get|exists|delete|count)\w*ById"
    r"And(?P<scope>[A-Z]\w*?)(?:Id)?\s*\("
    r"|(?<![\w$.])(?P<precv>[A-Z][\w$]*)\s*\.\s*(?:<[\w.]+>\s*)?(?:find|list|stream|count|delete|update)\s*\(\s*"
    r"\"[^\"]*\bid\s*=\s*(?:\?\d|:\w+)[^\"]*\band\s+(?P<pscope>\w+?)(?:_?[iI]d)?\s*="
)
"""A lookup by id that also takes the caller's scope: Spring Data's `findByIdAndOwnerId(id, user.getId())`,
Panache's `Contact.find("id = ?1 and tenantId = ?2", id, tenant)`."""
_UNSCOPED_LOOKUP = (r"(?<![\w$.])(?P<recv>[A-Za-z_$][\w$]*)\s*\.\s*(?:<[\w.]+>\s*)?"
                    r"(?:findById|findByIdOptional|getById|getReferenceById|deleteById)\s*\(\s*(?:{id})\s*\)")
_CALLER_WORDS = lazy_re(
    r"(?i)\b\w*(?:principal|identity|authentication|securitycontext|currentuser|jwt|token|caller|session)\w*\b"
    r"|\buser\w*\b|\btenant\w*\b|\bowner\w*\b|\bgetUserPrincipal\b|\bSecurityContextHolder\b")
"""The caller, or its tenant or owner, named anywhere in a method: it is not the unscoped lookup's shape."""


def _sibling_scope(ctx: FileContext) -> Iterator[Hit]:
    """A method that loads a record by its id alone (`repo.findById(id)`, `Entity.findById(id)`) while the
    class's other methods load the same repository's records by id and the caller's scope
    (`findByIdAndOwnerId`, a Panache query on `id` and a tenant column), and nothing in the method names
    the caller, its tenant or owner, or checks a role."""
    lexed = lex(ctx)
    methods: list[tuple[int, int, str, str, list[str]]] = []
    for block in blocks_of(ctx).all():
        own = block.header.rsplit("\n", 1)[-1]
        header = own if own.strip() else block.header
        if "(" not in header or _METHOD.search(header.rstrip()) is None:
            continue
        declaration = declaration_of(lexed, block)
        if _declaration_start(lexed, block.first, declaration) - 1 not in lexed.bare:
            continue
        body = [lexed.code.get(n, "") for n in range(block.first, block.last + 1)]
        body[0] = body[0][block.col + 1 :]
        ids = [m.group("name") for m in _ID_PARAM.finditer(signature_of(declaration))]
        methods.append((block.first, block.last, declaration, "\n".join(body), ids))
    scoped: dict[str, set[str]] = {}
    for _first, _last, _declaration, text, _ids in methods:
        for found in _SCOPED_LOOKUP.finditer(text):
            recv = found.group("recv") or found.group("precv")
            scope = found.group("scope") or found.group("pscope")
            scoped.setdefault(recv, set()).add(scope[:1].lower() + scope[1:])
    if not scoped:
        return
    loose: list[tuple[int, str, bool, str]] = []
    for first, _last, declaration, text, ids in methods:
        if not ids:
            continue
        unscoped = re.search(_UNSCOPED_LOOKUP.format(id="|".join(map(re.escape, ids))), text)
        if unscoped is None or unscoped.group("recv") not in scoped:
            continue
        words = scoped[unscoped.group("recv")]
        quiet = bool(_DECLARATIVE.search(declaration) or _CALLER_WORDS.search(text)
                     or any(re.search(rf"(?i)\b{re.escape(w)}", text) for w in words))
        line = first + text[: unscoped.start()].count("\n")
        loose.append((line, unscoped.group("recv"), quiet, unscoped.group(0)))
    for line, recv, quiet, shown in loose:
        if quiet or line not in ctx.added:
            continue
        if any(other_recv == recv and other_line != line and not other_quiet
               for other_line, other_recv, other_quiet, _shown in loose):
            continue  # another method loads it by id alone too: not the class's rule
        scopes = ", ".join(f"`{w}`" for w in sorted(scoped[recv]))
        yield Hit(line, message=(
            f"`{shown}` loads the record by its id alone, while the other methods here look `{recv}` up by "
            f"the id and the caller's {scopes}: any signed-in user reaches another's record by its id. Use "
            "the scoped lookup here too, or compare the record's owner with the caller and answer 404."))
