"""Go: the cancel function of `context.WithTimeout`, `WithDeadline` or `WithCancel` thrown away.

    ctx, _ := context.WithTimeout(r.Context(), 3*time.Second)

The derived context (and, for a timeout, its timer) is released only when its cancel function runs or the
parent ends. Discarding it keeps both alive until then: under load every request leaves one behind, and a
`WithCancel` on a long-lived parent never ends at all (go vet's lostcancel). Reported on the statement that
assigns the cancel function to `_`.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DISCARDED = lazy_re(
    r"^\s*(?:var\s+)?[A-Za-z_]\w*\s*,\s*_\s*:?=\s*context\.(?P<call>With(?:Timeout|Deadline|Cancel)(?:Cause)?)\s*\("
)

_NOLINT = lazy_re(r"//\s*nolint\b(?!:)|//\s*nolint:[\w,]*\b(?:govet|lostcancel)\b")
"""The author silenced go vet's lostcancel on this line: the context is meant to outlive the function."""


@register(
    CheckSpec(
        id="GO-CANCEL-DISCARDED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Cancel function of a derived context discarded",
        explanation=(
            "The derived context and its timer are freed only when the cancel function runs or the parent "
            "context ends; assigning it to `_` keeps them alive until then, one per call (go vet's "
            "lostcancel). Keep it and `defer cancel()` right after the call."
        ),
    ),
    needs=("context.With",),
)
def cancel_discarded(ctx: FileContext) -> Iterator[Hit]:
    for no, _code, bare in lines_of(lex(ctx)):
        if "context.With" not in bare:
            continue
        match = _DISCARDED.match(bare)
        if match is not None and not _NOLINT.search(ctx.lines.get(no, "")):
            yield Hit(no, message=(
                f"The cancel function of `context.{match.group('call')}` is assigned to `_`: the derived "
                "context (and its timer) lives until the parent ends, one per call. Keep it and "
                "`defer cancel()` on the next line."))
