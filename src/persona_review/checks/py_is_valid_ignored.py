"""Python: a serializer or form validated with its result thrown away.

    serializer.is_valid()           # False for bad input, but nothing looks
    serializer.save()               # AssertionError -> 500, or saves what was not validated

Reported: `x.is_valid()` as a statement of its own (no `raise_exception=True`), when a later line of the
same block uses `x.save(`, `x.validated_data` or `x.cleaned_data` and nothing between looks at `x.errors`.
A comment line among the two above it leaves it alone: the author says why the form cannot be invalid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._handler_comments import comment_line_in
from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_IS_VALID = lazy_re(r"^\s*(?P<name>[A-Za-z_][\w.]*)\.is_valid\s*\(\s*\)\s*(?:#.*)?$")
_WINDOW = 25


@register(
    CheckSpec(
        id="PY-IS-VALID-IGNORED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Validation result ignored before saving",
        explanation=(
            "`is_valid()` returns False for bad input and raises nothing, so the code goes on as if the "
            "data were valid: DRF's `save()` then fails with an AssertionError (a 500 instead of a 400), "
            "and a Django form's `cleaned_data` lacks the bad fields. Use `serializer.is_valid("
            "raise_exception=True)`, or `if not form.is_valid(): return ...` with a 400."
        ),
    ),
    needs=(".is_valid(",),
)
def is_valid_ignored(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no)
        if bare is None or "is_valid" not in bare:
            continue
        found = _IS_VALID.match(bare)
        if found is None or comment_line_in(ctx, lexed, no - 2, no - 1):
            continue
        name = re.escape(found.group("name"))
        use = re.compile(rf"(?<![\w.]){name}\.(?:save\s*\(|validated_data\b|cleaned_data\b)")
        looked = re.compile(rf"(?<![\w.]){name}\.(?:errors|is_valid)\b")
        indent = indent_of(bare)
        for later in range(no + 1, no + 1 + _WINDOW):
            text = lexed.bare.get(later)
            if text is None:
                break
            if not text.strip():
                continue
            if indent_of(text) < indent or looked.search(text):
                break
            if use.search(text):
                yield Hit(no, None, message=(
                    f"`{found.group('name')}.is_valid()` is called for nothing: its False is never looked "
                    f"at, and line {later} goes on to use the data anyway. Use `is_valid("
                    "raise_exception=True)` (DRF) or answer 400 when it is False."))
                break


