"""Java handlers that send an exception's text or stack trace to the client: in a `catch` block, or in a
method that receives the exception (`@ExceptionHandler`, a servlet error handler)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import catches
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})

_TRACE_TO_RESPONSE = lazy_re(
    r"\.printStackTrace\s*\(\s*(?:new\s+PrintWriter\s*\(\s*)?\w+\.get(?:Writer|OutputStream)\s*\(\s*\)"
)
_SERVER_STATUS = lazy_re(
    r"\b(?:5\d\d|INTERNAL_SERVER_ERROR|SC_INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE|SC_SERVICE_UNAVAILABLE|"
    r"BAD_GATEWAY|SC_BAD_GATEWAY)\b|\.internalServerError\s*\("
)
_ANSWER = lazy_re(
    r"\.body\s*\(|\.sendError\s*\(|\.get(?:Writer|OutputStream)\s*\(\s*\)\s*\.(?:write|print|println|printf)\s*\(|"
    r"\bnew\s+ResponseEntity\s*(?:<[^>(]*>)?\s*\(|\.entity\s*\("
)
_HANDLER = lazy_re(
    r"^\s*(?:(?:public|protected|private|static|final)\s+)*[\w.<>\[\], ?]+\s+\w+\s*\([^)]*?"
    r"\b(?:final\s+)?(?:[\w.]*Exception|Throwable)\s+(?P<name>\w+)\s*[,)][^;]*\{\s*$"
)


def _detail(name: str) -> re.Pattern[str]:
    """The exception's text: its message, `toString`, its stack trace, or the exception itself."""
    var = re.escape(name)
    return re.compile(
        rf"(?<![\w.]){var}\.(?:getMessage|getLocalizedMessage|toString|getStackTrace)\s*\(|"
        rf"\b(?:ExceptionUtils\.getStackTrace|Throwables\.getStackTraceAsString|String\.valueOf)\s*\(\s*{var}\s*\)|"
        rf"\+\s*{var}\b(?!\s*\.)"
    )


@register(
    CheckSpec(
        id="JAVA-EXCEPTION-LEAK",
        checklist_item="ERR-07",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JAVA,
        title="Exception details sent to the client",
        explanation=(
            "An exception's message or stack trace names classes, SQL, file paths and hosts, and sometimes "
            "carries data; sent in a 5xx answer it shows a caller how the service fails. Log the exception "
            "with a request id and answer with a generic message and that id (a `@ControllerAdvice` or an "
            "error page does it in one place)."
        ),
    ),
    needs=("Exception", "Throwable"),
)
def exception_leak(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    seen: set[int] = set()
    for first, last, name in _scopes(lexed):
        detail = _detail(name)
        for no in range(first, last + 1):
            bare = lexed.bare.get(no, "")
            if no in seen or ("(" not in bare):
                continue
            if _TRACE_TO_RESPONSE.search(bare):
                seen.add(no)
                yield Hit(no)
                continue
            answer = _ANSWER.search(bare)
            if answer is None:
                continue
            span = statement_span(lexed, no, answer.start())
            before = "\n".join(lexed.code.get(n, "") for n in range(first, no)) + lexed.code.get(no, "")
            if detail.search(span.code) and _SERVER_STATUS.search(before + "\n" + span.code):
                seen.add(no)
                yield Hit(no, span.last if span.last > no else None)


def _scopes(lexed: Lexed) -> Iterator[tuple[int, int, str]]:
    """(first line, last line, exception name) of each catch block and each method that receives an
    exception, known entire."""
    for clause in catches(lexed):
        if clause.name is not None and clause.complete:
            yield clause.line, clause.last, clause.name
    for no, _code, bare in lines_of(lexed):
        if "Exception" not in bare and "Throwable" not in bare:
            continue
        handler = _HANDLER.match(bare)
        if handler is None or re.match(r"^\s*(?:if|for|while|switch|catch)\b", bare):
            continue
        block = brace_block(lexed, no, bare.rfind("{"))
        if block is not None and block.closed:
            yield no, block.last, handler.group("name")
