"""Java: an exception only logged, after which the code dereferences the local the `try` was to assign
(`_catch_logged` reads it)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._catch_logged import logged_and_dereferenced
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


@register(
    CheckSpec(
        id="JAVA-CATCH-LOGGED-CONTINUES",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Exception only logged; a value the `try` did not assign is dereferenced after it",
        explanation=(
            "When the `try` fails before its assignment, the local keeps `null`; the `catch` only logs and "
            "lets the method go on, so the next dereference throws a NullPointerException far from the real "
            "failure. Rethrow (wrapped with context) or return in the `catch`, give the local a real "
            "fallback there, or move the code that needs it into the `try`."
        ),
    ),
    needs=("catch",),
)
def catch_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    return logged_and_dereferenced(ctx)
