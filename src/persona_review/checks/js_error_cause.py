"""JavaScript/TypeScript: a `catch` that rethrows a new error built from the caught one's message but without
it as the cause (`_exception_cause` finds them). Opt-in: on a sweep of 12 mature JS/TS projects most of its
65 findings were the real pattern, but many only copied a probe's or validator's message, where the lost
trace matters little, and one added finding on the held-out real-PR set could not be shown true."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._exception_cause import dropped_causes
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


@register(
    CheckSpec(
        id="JS-ERROR-CAUSE-DROPPED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Rethrown error drops the original as its cause",
        explanation=(
            "The new error copies the caught one's message but not the error itself, so its stack "
            "trace and cause chain (which call failed, and why, down to the driver or socket error) are "
            "lost: the log shows only where it was rethrown. Pass the caught error as the cause: "
            '`throw new Error("...", { cause: err })` (Node 16.9+, ES2022).'
        ),
        opt_in=True,
    ),
    needs=("catch",),
)
def error_cause_dropped(ctx: FileContext) -> Iterator[Hit]:
    return dropped_causes(ctx)
