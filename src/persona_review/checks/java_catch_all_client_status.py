"""Spring: an exception handler for every exception that answers with a client error.

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)          // a NullPointerException or a dead database: "400"
    public ErrorBody any(Exception e) { ... }

Reported: an `@ExceptionHandler` whose exception list holds `Exception`, `Throwable` or `RuntimeException`
(the catch-alls), when its `@ResponseStatus` or its body answers a 4xx (`HttpStatus.BAD_REQUEST`,
`UNPROCESSABLE_ENTITY`, `ResponseEntity.badRequest()`, `status(400)`, ...) and nothing in the handler
answers a 5xx or picks the status by the exception's type (`instanceof`, `getStatusCode`, a status the
exception carries).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, bracket_span, lines_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HANDLER = lazy_re(r"@ExceptionHandler\s*\(")
_CATCH_ALL = lazy_re(r"(?<![\w.])(?:java\.lang\.)?(?:Exception|Throwable|RuntimeException)\.class\b")
_CLIENT = lazy_re(
    r"\bHttpStatus\.(?:BAD_REQUEST|UNPROCESSABLE_ENTITY|NOT_FOUND|CONFLICT|FORBIDDEN|UNAUTHORIZED)\b"
    r"|\.badRequest\s*\(|\.unprocessableEntity\s*\(|\.notFound\s*\(|\bstatus\s*\(\s*4\d\d\b"
    r"|\bSC_BAD_REQUEST\b|\bHttpStatus\.valueOf\s*\(\s*4\d\d\b|\bsetStatus\s*\(\s*4\d\d\b"
)
_SERVER_OR_CHOSEN = lazy_re(
    r"\b5\d\d\b|INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE|\.internalServerError\s*\(|\binstanceof\b"
    r"|getStatus(?:Code)?\s*\(|\.status\s*\(\s*(?!4\d\d\b)[a-z]\w*\s*\)|\bswitch\b|\bgetClass\s*\(|"
    r"\bresolve\w*Status\b|\bstatusFor\w*\b"
)
_SIGNATURE_LOOKAHEAD = 8


@register(
    CheckSpec(
        id="JAVA-CATCH-ALL-CLIENT-STATUS",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Every exception answered as the client's fault",
        explanation=(
            "A handler for `Exception`/`Throwable`/`RuntimeException` also catches the server's own "
            "failures (a NullPointerException, a lost database, a timeout). Answering those with a 4xx "
            "tells clients not to retry and keeps them out of 5xx error-rate alerts, so an outage looks like "
            "bad requests. Answer 500 in the catch-all and keep 4xx for the specific exceptions that mean "
            "bad input."
        ),
    ),
    needs=("@ExceptionHandler",),
)
def catch_all_client_status(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        found = _HANDLER.search(bare)
        if found is None:
            continue
        handled = bracket_span(lexed, no, found.end() - 1)
        if not handled.closed or _CATCH_ALL.search(handled.code) is None:
            continue
        where = _client_status(lexed, handled.last)
        if where is None or (where not in ctx.added and no not in ctx.added):
            continue
        start = no if no in ctx.added and (where not in ctx.added or reaches(ctx, no, where)) else where
        end = where if start != where and where in ctx.added else None
        yield Hit(start, end, message=(
            "This handler takes every exception (server failures included) and answers it with a "
            "4xx: outages show up as the client's bad requests. Answer 500 here and map only the "
            "exceptions that mean bad input to 4xx."))


def _client_status(lexed: Lexed, after: int) -> int | None:
    """The line answering a 4xx in the handler declared after line `after`, if nothing there answers a
    5xx or chooses the status; None otherwise or when the handler's body is not in view."""
    client: int | None = None
    for no in range(after, after + _SIGNATURE_LOOKAHEAD):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if no > after and text.lstrip().startswith("@ExceptionHandler"):
            return None
        if client is None and _CLIENT.search(text):
            client = no
        if _SERVER_OR_CHOSEN.search(text):
            return None
        if "{" in text and not text.lstrip().startswith("@"):
            body = brace_block(lexed, no, text.index("{"))
            if body is None or not body.closed or _SERVER_OR_CHOSEN.search(body.bare):
                return None
            if client is None:
                for line in range(no, body.last + 1):
                    if _CLIENT.search(lexed.bare.get(line, "")):
                        return line
            return client
    return None
