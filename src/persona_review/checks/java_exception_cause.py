"""Java: a `catch` that rethrows a new exception built from the caught one's message but without it as the
cause (`_exception_cause` finds them)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._exception_cause import dropped_causes
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


@register(
    CheckSpec(
        id="JAVA-EXCEPTION-CAUSE-DROPPED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Rethrown exception drops the original as its cause",
        explanation=(
            "The new exception copies the caught one's message but not the exception itself, so its stack "
            "trace and cause chain (which call failed, and why, down to the driver or socket error) are "
            "lost: the log shows only where it was rethrown. Pass the caught exception as the cause: "
            '`throw new X("...", e)` (add that constructor if the class lacks it).'
        ),
    ),
    needs=("catch",),
)
def exception_cause_dropped(ctx: FileContext) -> Iterator[Hit]:
    return dropped_causes(ctx)
