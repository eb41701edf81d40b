"""JavaScript/TypeScript: an error only logged, after which the code dereferences the variable the `try`
was to assign (`_catch_logged` reads it)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._catch_logged import logged_and_dereferenced
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


@register(
    CheckSpec(
        id="JS-CATCH-LOGGED-CONTINUES",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Error only logged; a value the `try` did not assign is used after it",
        explanation=(
            "When the `try` fails before its assignment, the variable is still `undefined` (or `null`); the "
            "`catch` only logs and lets the code go on, so the next property access throws a TypeError far "
            "from the real failure (in a request handler: a 500 with the wrong cause, or a crash). Return, "
            "rethrow or answer the request in the `catch`, give the variable a real fallback there, or move "
            "the code that needs it into the `try`."
        ),
    ),
    needs=("catch",),
)
def catch_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    return logged_and_dereferenced(ctx)
