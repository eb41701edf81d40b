"""A 500 answered on purpose for a condition the client caused (Python, JavaScript/TypeScript, Ruby, Java,
Go web handlers).

A 500 says "the server broke": clients and proxies retry it, monitors page someone about it, and the caller
is not told what to fix. When the code itself tested for the client's mistake and still chose 500, the status
is wrong. Reported, on an added line that sets a 500 status (`HTTPException(status_code=500, ...)`,
`InternalServerErrorException`, `res.status(500)`, `reply.code(500)`, `status: :internal_server_error`,
`HttpStatus.INTERNAL_SERVER_ERROR`, `http.StatusInternalServerError`, ...):

- in an `if`/`elif`/`else`/`unless` branch whose condition does not look at an error, a failure or a
  response, when the condition or the answer's own text names a client fault (already registered, not
  found, expired, declined, invalid, forbidden, ...), and nothing there names the server's side
  (configuration, an upstream service, an internal error);
- in an `except`/`rescue`/`catch` clause (or an `isinstance`/`instanceof`/`errors.Is` test) of exception
  types whose names all say the client is at fault (`IntegrityError`, `RecordNotFound`, `ValidationError`,
  `DuplicateKeyException`, ...). A catch-all (`except Exception`, `rescue => e`, an untyped `catch (e)`) is
  never reported.

The walk from the status line to its branch is by indentation over the lines in view; a statement written
over several lines is followed up to its start, and anything else (a function, a `switch`, a line out of
view) ends the walk without a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, siblings_above
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LANGS = frozenset({"python", "javascript", "typescript", "ruby", "java", "go"})

_SERVER_ERROR = lazy_re(
    r"\bHTTPException\s*\(\s*(?:status_code\s*=\s*)?500\b"
    r"|\babort\s*\(\s*500\b"
    r"|\bstatus(?:_code|Code)?\s*[=:]\s*500\b"
    r"|\breturn\b.*,\s*500\s*\)?\s*$"
    r"|\bstatus\.HTTP_500_INTERNAL_SERVER_ERROR\b|\bHTTPStatus\.INTERNAL_SERVER_ERROR\b"
    r"|\bHttpResponseServerError\s*\(|\braise\s+InternalServerError\b"
    r"|\bnew\s+InternalServerErrorException\s*\(|\b(?:HttpStatus|StatusCodes)\.INTERNAL_SERVER_ERROR\b"
    r"|\.(?:status|code|sendStatus|Status|JSON|String|AbortWithStatus\w*|WriteHeader)\s*\(\s*500\b"
    r"|\bctx\.throw\s*\(\s*500\b|\bcreateError\s*\(\s*500\b"
    r"|\bstatus:\s*:internal_server_error\b|\bhead\s*\(?\s*(?::internal_server_error|500)\b"
    r"|\bResponseEntity\s*\.\s*internalServerError\s*\(|\bSC_INTERNAL_SERVER_ERROR\b"
    r"|\bhttp\.StatusInternalServerError\b"
)
"""A 500 status set on the line (strings blanked)."""

_PY_IF = lazy_re(r"^\s*(?:if|elif)\s+(.+?):\s*(?:#.*)?$")
_PY_ELSE = lazy_re(r"^\s*else\s*:\s*$")
_PY_EXCEPT = lazy_re(r"^\s*except\b\s*(.*?)\s*(?:\bas\s+\w+\s*)?:\s*$")
_RB_IF = lazy_re(r"^\s*(?:if|elsif|unless)\s+(.+?)\s*(?:\bthen\s*)?$")
_RB_ELSE = lazy_re(r"^\s*else\s*$")
_RB_RESCUE = lazy_re(r"^\s*rescue\b\s*(.*?)\s*(?:=>\s*\w+\s*)?$")
_RB_MODIFIER = lazy_re(r"\s(?:if|unless)\s+(.+)$")
_C_IF = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?if\s*(\(.*\)|[^({].*?)\s*\{?\s*$")
_C_ELSE = lazy_re(r"^\s*(?:\}\s*)?else\s*\{\s*$")
_C_CATCH = lazy_re(r"^\s*(?:\}\s*)?catch\s*\(\s*(.*?)\s*\)\s*\{\s*$")
_ONE_LINE_IF = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?(?:if|elif)\s*\(")
_PY_ONE_LINE_IF = lazy_re(r"^\s*(?:if|elif)\s+(.+?):\s*\S")

_OPEN_END = lazy_re(r"(?:[(\[{,=\\]|\bdo|=>|\|\||&&|\+)\s*$")
_CONTINUES = lazy_re(r"^\s*[.)\]}]")

_ERRORISH = lazy_re(
    r"(?i)err|exc|fail|\bok\b|success|status|resp|timeout|unavailable|config|setting|environ|\benv\b|secret"
)
"""A condition about an error, a failed call, a response or the deployment: a 500 there is often right."""
_CLIENT_TEXT = lazy_re(
    r"(?i)\balready\b|duplicate|\btaken\b|\bin use\b|invalid|not valid|validation|expired|declined"
    r"|unauthori[sz]ed|forbidden|not allowed|conflict|\brequired\b|bad request|insufficient|not enough"
    r"|exceed"
)
"""Words of a fault only the client can cause. "Not found", "missing" and "does not exist" are left out:
code often answers 500 on purpose when its own data (a template, a role, a context a decorator should
have set) is missing, and the condition (`if (!x)`) cannot tell that from a record the client named."""
_CLIENT_STATUS = lazy_re(
    r"\b4\d\d\b|HTTP_4\d\d|BAD_REQUEST|NOT_FOUND|CONFLICT|FORBIDDEN|UNAUTHORIZED|UNPROCESSABLE"
    r"|:(?:bad_request|not_found|conflict|forbidden|unauthorized|unprocessable_\w+)\b"
    r"|\b(?:BadRequest|NotFound|Conflict|Forbidden|Unauthorized|UnprocessableEntity)\w*Exception\b"
)
"""A 4xx answered in the same branch before the 500: the author sorted the client's cases out already."""
_SERVER_TEXT = lazy_re(
    r"(?i)config|setting|environ|\benv\b|secret|server|internal|upstream|provider|gateway|database|\bdb\b"
    r"|unexpected|response|credential|api key"
)
_CLIENT_TYPE = lazy_re(
    r"Duplicate|AlreadyExist|Exists\b|NotFound|DoesNotExist|NoResultFound|NoRows|Invalid|Validation|Expired"
    r"|Declined|CardError|Unauthori[sz]ed|Forbidden|PermissionDenied|AccessDenied|Conflict|Integrity"
    r"|Unique|NotUnique|BadRequest|Missing|ParameterMissing"
)
_TYPE_TEST = lazy_re(
    r"\bisinstance\s*\(\s*\w+\s*,\s*\(?([\w., ]+)\)?\s*\)|\binstanceof\s+([\w.]+)"
    r"|\berrors\.(?:Is|As)\s*\(\s*\w+\s*,\s*&?([\w.]+)|\bis_a\?\s*\(?\s*([\w:]+)"
)
_LITERAL = lazy_re(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`[^`]*`")

_NOT = lazy_re(r"(?:!|\bnot\s+)\s*$")
_WINDOW = 40
_HOPS = 4
_SUGGESTIONS: tuple[tuple[str, str], ...] = (
    (r"(?i)duplicate|already|taken|in use|conflict|integrity|unique", "409 Conflict"),
    (r"(?i)not ?found|does ?not ?exist|doesn'?t exist|no such|noresult|norows", "404 Not Found"),
    (r"(?i)expired", "410 Gone or 422 Unprocessable Content"),
    (r"(?i)declined|carderror", "402 Payment Required"),
    (r"(?i)unauthori[sz]ed", "401 Unauthorized"),
    (r"(?i)forbidden|permission|access ?denied|not allowed", "403 Forbidden"),
    (r"(?i)insufficient|not enough|exceed", "422 Unprocessable Content or 409 Conflict"),
)


@register(
    CheckSpec(
        id="ANY-500-FOR-CLIENT-ERROR",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_LANGS,
        title="A client's mistake answered with 500",
        explanation=(
            "500 tells the caller the server broke: clients and proxies retry it, error-rate alerts and "
            "on-call pages count it, and the caller learns nothing about what to change. A condition the "
            "code tested on purpose (a duplicate, a missing record, an expired or invalid input, a declined "
            "card) is the client's to fix: answer it with the 4xx that says so, and keep 500 for failures "
            "the server did not expect."
        ),
    ),
    needs=("(500", " 500", "=500", ":500", ",500", "INTERNAL_SERVER_ERROR", "internal_server_error",
           "InternalServerError", "internalServerError", "HttpResponseServerError"),
)
def server_error_for_client_fault(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no)
        status = _SERVER_ERROR.search(bare) if bare is not None else None
        if status is None:
            continue
        reason = _client_fault(ctx, lexed, no)
        if reason:
            shown = lexed.code[no][status.start():status.end()].strip(" ,")
            yield Hit(no, None, f"`{_short(shown)}`: {reason}")


def _client_fault(ctx: FileContext, lexed: Lexed, no: int) -> str:
    """Why the 500 set on line `no` answers a fault of the client, or "" when it may not."""
    answer = _statement_text(lexed, no)
    bare = lexed.bare[no]
    if ctx.language == "ruby":
        modifier = _RB_MODIFIER.search(bare)
        if modifier is not None:
            return _branch_reason(lexed.code[no][modifier.start(1):], answer)
    one_line = _one_line_condition(ctx.language, lexed.code[no], bare)
    if one_line is not None:
        return _branch_reason(one_line, answer)
    header = _header(ctx.language, lexed, no)
    if header is None:
        return ""
    kind, text, line = header
    if any(_CLIENT_STATUS.search(lexed.bare.get(n, "")) for n in range(line + 1, no)):
        return ""
    if kind == "catch":
        return _catch_reason(text)
    body = " ".join(lexed.code.get(n, "") for n in range(line + 1, no))
    return _branch_reason(text, f"{body} {answer}", negated=kind == "else")


def _statement_text(lexed: Lexed, no: int) -> str:
    """The status line with the next lines of its statement (up to three), code view."""
    parts = [lexed.code[no]]
    for n in range(no + 1, no + 4):
        text = lexed.bare.get(n)
        if text is None or not (_OPEN_END.search(lexed.bare[n - 1]) or _CONTINUES.match(text)):
            break
        parts.append(lexed.code[n])
    return " ".join(parts)


def _one_line_condition(language: str, code: str, bare: str) -> str | None:
    """The condition of an `if` written on the status line itself (`if (!x) return res.status(500)...`)."""
    if language == "python":
        found = _PY_ONE_LINE_IF.match(bare)
        return code[found.start(1):found.end(1)] if found is not None else None
    if language == "ruby" or _ONE_LINE_IF.match(bare) is None:
        return None
    start = bare.index("(", bare.index("if"))
    depth = 0
    for index in range(start, len(bare)):
        depth += {"(": 1, ")": -1}.get(bare[index], 0)
        if depth == 0:
            return code[start:index + 1]
    return None


def _header(language: str, lexed: Lexed, no: int) -> tuple[str, str, int] | None:
    """The branch the status line sits in: ("if", condition, line) or ("catch", caught types, line)."""
    indent = indent_of(lexed.bare[no])
    first = lexed.bare[no]
    hops = 0
    for n in range(no - 1, max(0, no - _WINDOW), -1):
        text = lexed.bare.get(n)
        if text is None:
            return None
        if not text.strip() or indent_of(text) >= indent:
            continue
        found = _branch(language, lexed, n)
        if found is not None:
            return found
        if hops < _HOPS and (_OPEN_END.search(text) or _CONTINUES.match(first)):
            hops += 1  # the start of the statement the status line continues
            indent, first = indent_of(text), text
            continue
        return None
    return None


def _branch(language: str, lexed: Lexed, n: int) -> tuple[str, str, int] | None:
    bare, code = lexed.bare[n], lexed.code[n]
    if language == "python":
        if (found := _PY_EXCEPT.match(bare)) is not None:
            return "catch", found.group(1), n
        if (found := _PY_IF.match(bare)) is not None:
            return "if", code[found.start(1):found.end(1)], n
        if _PY_ELSE.match(bare):
            return _else_of(language, lexed, n)
        return None
    if language == "ruby":
        if (found := _RB_RESCUE.match(bare)) is not None:
            return "catch", found.group(1), n
        if (found := _RB_IF.match(bare)) is not None:
            return "if", code[found.start(1):found.end(1)], n
        if _RB_ELSE.match(bare):
            return _else_of(language, lexed, n)
        return None
    if (found := _C_CATCH.match(bare)) is not None:
        caught = found.group(1)
        # Java names the types (`DuplicateKeyException e`); JavaScript's `catch (e)` names none.
        types = caught.rsplit(None, 1)[0] if language == "java" and " " in caught else ""
        return "catch", types, n
    if (found := _C_IF.match(bare)) is not None:
        return "if", code[found.start(1):found.end(1)], n
    if _C_ELSE.match(bare):
        return _else_of(language, lexed, n)
    return None


def _else_of(language: str, lexed: Lexed, n: int) -> tuple[str, str, int] | None:
    """An `else` branch: the condition of its `if` (the nearest one above at the same indentation)."""
    for m, _text in siblings_above(lexed, n - 1, indent_of(lexed.bare[n]), _WINDOW - 1):
        found = _branch(language, lexed, m)
        if found is not None and found[0] == "if":
            return "else", found[1], n
        if found is not None:
            return None
    return None


def _branch_reason(condition: str, answer: str, *, negated: bool = False) -> str:
    """`negated`: the status is in the `else` of an `if` on `condition`."""
    tested = _TYPE_TEST.search(condition)
    if tested is not None:
        if negated or _NOT.search(condition[:tested.start()]):
            return ""  # the branch for every error but that type (`!errors.Is(err, ErrNotFound)`, `else`)
        return _catch_reason(next(g for g in tested.groups() if g))
    # The answer's own words are its string literals (its code names the 500 status: "internal server").
    words = " ".join([condition, *(m.group() for m in _LITERAL.finditer(answer))])
    if _ERRORISH.search(condition) or _SERVER_TEXT.search(words):
        return ""
    said = _CLIENT_TEXT.search(words)
    if said is None:
        return ""
    return (f"a 500 is chosen for a condition the code tested (`{_short(condition)}`) that names a "
            f"client fault ({said.group().lower()}): answer {_suggest(words)}.")


def _catch_reason(caught: str) -> str:
    types = [t.strip() for t in caught.strip("() ").replace("|", ",").split(",") if t.strip()]
    if not types or any(_CLIENT_TYPE.search(t) is None for t in types):
        return ""
    named = ", ".join(f"`{t}`" for t in types)
    return (f"{named} means the request itself is at fault, yet it is answered with 500: answer "
            f"{_suggest(' '.join(types))}.")


def _suggest(text: str) -> str:
    for pattern, status in _SUGGESTIONS:
        if re.search(pattern, text):
            return status
    return "400 Bad Request or 422 Unprocessable Content"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
