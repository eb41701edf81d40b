"""JavaScript/TypeScript async callbacks nobody awaits: `array.forEach(async ...)`, and `array.map(async ...)`
as a statement of its own, whose array of promises is thrown away."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import after_span, bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_FOREACH_ASYNC = lazy_re(r"\.forEach\s*\(\s*async\b")
_MAP_ASYNC_STATEMENT = lazy_re(
    r"^\s*(?:this\.)?[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*\??\.map\s*\(\s*async\b"
)
"""`items.map(async ...)` starting a statement: nothing on the line takes the promises it returns."""
_STATEMENT_ENDED = ("", ";", "{", "}")


@register(
    CheckSpec(
        id="JS-ASYNC-FOREACH",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Async callback passed to `forEach` is never awaited",
        explanation=(
            "`forEach` ignores the promises its callback returns: the function carries on (and may answer "
            "the request) before the work is done, all items run at once, and a failure becomes an "
            "unhandled rejection that no `try`/`catch` around the loop sees (Node may exit on it). Use "
            "`for (const item of items) { await ... }`, or `await Promise.all(items.map(async ...))` to run "
            "them together."
        ),
    ),
    needs=("forEach", ".map("),
)
def async_foreach(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "forEach" in bare:
            match = _FOREACH_ASYNC.search(bare)
            if match is not None:
                span = bracket_span(lexed, no, bare.index("(", match.start()))
                yield Hit(no, span.last if span.closed else None)
        elif "map" in bare and (match := _MAP_ASYNC_STATEMENT.match(bare)) is not None:
            if _previous_code(lexed, no).rstrip()[-1:] not in _STATEMENT_ENDED:
                continue  # the line goes on an expression begun above (`const done =`, `await Promise.all(`)
            col = bare.index("(", match.end() - len("async") - 1)
            span = bracket_span(lexed, no, col)
            if not span.closed:
                continue
            if after_span(lexed, span, col).strip() not in {"", ";"}:
                continue  # the array is used (`.map(...).length`, a chained call)
            yield Hit(no, span.last, (
                "`.map(async ...)` here makes one promise per item and drops the array: nothing waits for "
                "the work or sees its failures (each one an unhandled rejection). Wrap it in "
                "`await Promise.all(...)`, or loop with `for ... of` and `await`."))


def _previous_code(lexed: Lexed, no: int) -> str:
    """The nearest non-blank line above `no`; empty at the start of what is known."""
    for back in range(no - 1, max(0, no - 20), -1):
        text = lexed.bare.get(back)
        if text is None:
            return ""
        if text.strip():
            return text
    return ""
