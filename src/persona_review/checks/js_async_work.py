"""JavaScript/TypeScript async callbacks nobody awaits: `array.forEach(async ...)`."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_FOREACH_ASYNC = lazy_re(r"\.forEach\s*\(\s*async\b")


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
    needs=("forEach",),
)
def async_foreach(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "forEach" not in bare:
            continue
        match = _FOREACH_ASYNC.search(bare)
        if match is not None:
            span = bracket_span(lexed, no, bare.index("(", match.start()))
            yield Hit(no, span.last if span.closed else None)
