"""Go: a single-record lookup whose "no rows" error a request handler answers with 500.

    err := h.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
    if err != nil {
        http.Error(w, "internal error", http.StatusInternalServerError)  // an unknown id is a 500
        return
    }

A lookup by key that finds nothing fails with a sentinel error (`sql.ErrNoRows` from `QueryRow(...).Scan`
and sqlx `Get`, `pgx.ErrNoRows` from pgx, `gorm.ErrRecordNotFound` from GORM `First`/`Take`/`Last`, and
the sqlc `Get...` methods that wrap `QueryRow`). When the handler answers every error of that lookup with
500, a client asking for a record that does not exist gets "the server broke": error-rate alerts fire, and
clients and proxies retry a request that can never succeed.

Reported on the line that answers 500 inside the `if err != nil` right after the lookup, when the
enclosing function is visibly an HTTP handler (net/http, gin, echo or fiber parameters), and nothing in the
function up to that line names the not-found case (`ErrNoRows`, `ErrRecordNotFound`, `NotFound`, an
`errors.Is`/`errors.As` test or a `switch` in the error branch). Queries that always return a row
(`count(...)`, `exists(...)`, `INSERT ... RETURNING`) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, enclosing_functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import Span, brace_block, lines_of, reaches, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_QUERY_ROW = lazy_re(r"\.QueryRow(?:x)?(?:Context)?\s*\(")
_ROW_VAR = lazy_re(r"^\s*(?P<row>[A-Za-z_]\w*)\s*:?=\s*[\w.()\[\]]*\.QueryRow(?:x)?(?:Context)?\s*\(")
_SCAN = lazy_re(r"\.Scan\s*\(")
_SQLX_GET = lazy_re(r"\.Get(?:Context)?\s*\(\s*(?:[\w.]+(?:\(\))?\s*,\s*)?&")
_GORM_ONE = lazy_re(r"\.(?:First|Take|Last)\s*\(\s*&")
_SQLC_GET = lazy_re(r"(?:\bq|[qQ]ueries(?:\(\))?|\bqtx)\.Get[A-Z]\w*\s*\(")
_ALWAYS_A_ROW = lazy_re(r"(?i)\b(?:count|exists|sum|max|min|avg)\s*\(|\binsert\s+into\b|\bnextval\s*\(")

_SAME_LINE_IF = lazy_re(r";\s*(?P<err>[A-Za-z_]\w*(?:\.Error)?)\s*!=\s*nil\b[^{]*\{\s*$")
_IF_START = lazy_re(r"^\s*if\b")
_NEXT_IF = lazy_re(r"^\s*if\s+(?P<err>[A-Za-z_]\w*(?:\.Error)?)\s*!=\s*nil\s*(?:\|\|[^{]*)?\{\s*$")
_ASSIGNED_ERR = lazy_re(r"^\s*(?:[\w\s,]*,\s*)?(?P<err>[A-Za-z_]\w*)\s*:?=")

_SERVER_500 = lazy_re(
    r"\bStatusInternalServerError\b|\bErrInternalServerError\b"
    r"|(?:\bhttp\.Error|\.(?:JSON|String|Status|SendStatus|AbortWithStatus\w*|AbortWithError|WriteHeader"
    r"|NoContent|Blob|XML)|\bNewHTTPError)\s*\([^)]*?\b500\b"
)
_NOT_FOUND_AWARE = lazy_re(
    r"ErrNoRows|ErrRecordNotFound|NotFound|NoRows|errors\.(?:Is|As)\b|\bswitch\b|RowsAffected"
)


@register(
    CheckSpec(
        id="GO-NOT-FOUND-AS-500",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="A record that does not exist is answered with 500",
        explanation=(
            "A lookup of one record fails with a \"no rows\" sentinel (`sql.ErrNoRows`, `pgx.ErrNoRows`, "
            "`gorm.ErrRecordNotFound`) when the key matches nothing. Answering every error of it with 500 "
            "turns an unknown id into a server error: error-rate alerts fire, and clients and proxies retry "
            "a request that can never succeed. Test for the sentinel with `errors.Is` first and answer 404 "
            "(or what the API promises), keeping 500 for real failures."
        ),
    ),
    needs=("QueryRow", "Get", "First", "Take", "Last"),
)
def not_found_as_500(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, _code, bare in lines_of(lexed):
        found = _lookup(lexed, no, bare)
        if found is None:
            continue
        kind, lookup = found
        if_line, err = _error_branch(lexed, lookup)
        if if_line is None or err is None:
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs or not _serves_http(funcs):
            continue
        block = brace_block(lexed, if_line, lexed.bare[if_line].rfind("{"))
        if block is None or not block.closed:
            continue
        if _NOT_FOUND_AWARE.search(block.code):
            continue
        answer = _server_answer(lexed, block)
        if answer is None or answer in reported:
            continue
        if _handled_before(lexed, funcs[0], answer):
            continue
        reported.add(answer)
        sentinel = _sentinel(ctx, kind)
        start, end = (no, answer) if reaches(ctx, no, answer) else (answer, None)
        yield Hit(start, end, message=(
            f"Every error of the lookup on line {no} is answered with 500, `{sentinel}` included: a request "
            f"for a record that does not exist becomes a server error. Test `errors.Is({err}, {sentinel})` "
            "first and answer 404."))


def _lookup(lexed: Lexed, no: int, bare: str) -> tuple[str, Span] | None:
    """(kind, statement) when a single-record lookup starts on line `no`."""
    if _QUERY_ROW.search(bare):
        row_var = _ROW_VAR.match(bare)
        span = _statement(lexed, no)
        if _ALWAYS_A_ROW.search(span.code):
            return None
        if _SCAN.search(span.bare):
            return "row", span
        if row_var is None:
            return None
        # `row := db.QueryRow(...)`, then `err := row.Scan(...)` a few lines on.
        scan = re.compile(r"\b" + re.escape(row_var.group("row")) + r"\.Scan\s*\(")
        for later in range(span.last + 1, span.last + 6):
            text = lexed.bare.get(later)
            if text is not None and scan.search(text):
                return "row", _statement(lexed, later)
        return None
    if _SQLX_GET.search(bare):
        span = _statement(lexed, no)
        if _ALWAYS_A_ROW.search(span.code) or not re.search(r"\bsqlx?\b|\bdb\b|DB\b|\bdb\w*\.", span.bare):
            return None
        return "sqlx", span
    if _GORM_ONE.search(bare):
        span = _statement(lexed, no)
        if ".Error" not in span.bare and not _next_tests_error_field(lexed, span):
            return None
        return "gorm", span
    if _SQLC_GET.search(bare) and ("ctx" in bare or "Context()" in bare):
        return "sqlc", _statement(lexed, no)
    return None


def _statement(lexed: Lexed, no: int) -> Span:
    """The statement starting on line `no`; for `if x, err := f(...); err != nil {`, its header only."""
    if not _IF_START.match(lexed.bare.get(no, "")):
        return statement_span(lexed, no)
    for last in range(no, no + 6):
        if last not in lexed.bare:
            break
        if _SAME_LINE_IF.search(lexed.bare[last]):
            rows = range(no, last + 1)
            code = "\n".join(lexed.code[r] for r in rows)
            return Span(no, last, code, "\n".join(lexed.bare[r] for r in rows))
    return statement_span(lexed, no)


def _next_tests_error_field(lexed: Lexed, span: Span) -> bool:
    following = _next_code(lexed, span.last)
    return following is not None and bool(re.match(r"^\s*if\s+\w+\.Error\s*!=\s*nil", lexed.bare[following]))


def _error_branch(lexed: Lexed, lookup: Span) -> tuple[int | None, str | None]:
    """The line of the `if <err> != nil {` that tests the lookup's error, and the error's name."""
    last = lexed.bare.get(lookup.last, "")
    same = _SAME_LINE_IF.search(last)
    if same is not None and re.match(r"^\s*if\b", lexed.bare.get(lookup.first, "")):
        return lookup.last, same.group("err")
    assigned = _ASSIGNED_ERR.match(lexed.bare.get(lookup.first, ""))
    following = _next_code(lexed, lookup.last)
    if assigned is None or following is None:
        return None, None
    test = _NEXT_IF.match(lexed.bare[following])
    if test is None:
        return None, None
    err = test.group("err")
    if err.split(".")[0] != assigned.group("err"):
        return None, None
    return following, err


def _next_code(lexed: Lexed, line: int) -> int | None:
    for no in range(line + 1, line + 4):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if text.strip():
            return no
    return None


def _serves_http(funcs: list[GoFunc]) -> bool:
    return funcs[0].is_handler


def _server_answer(lexed: Lexed, block: Span) -> int | None:
    """The first line of the error branch that answers 500, if the branch answers and ends there."""
    for no in range(block.first + 1, block.last + 1):
        text = lexed.bare.get(no, "")
        if _SERVER_500.search(text):
            return no
    return None


def _handled_before(lexed: Lexed, func: GoFunc, line: int) -> bool:
    """Does the function, up to `line`, already name the not-found case (another lookup's handling, or a
    helper that maps it)?"""
    for no in range(func.first, line):
        text = lexed.code.get(no, "")
        if "NotFound" in text or "NoRows" in text:
            return True
    return False


def _sentinel(ctx: FileContext, kind: str) -> str:
    if kind == "gorm":
        return "gorm.ErrRecordNotFound"
    if ctx.mentions(("jackc/pgx", "pgxpool", "pgx.")):
        return "pgx.ErrNoRows"
    return "sql.ErrNoRows"
