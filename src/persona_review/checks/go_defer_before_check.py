"""Go: a `Close` deferred before the error of the call that made the value is checked.

    resp, err := http.Get(url)
    defer resp.Body.Close()     // when Get fails resp is nil: the deferred call panics
    if err != nil {
        return err
    }

Reported (staticcheck's SA5001): `x, err := f(...)` (or `=`) whose next statement is `defer x.Close()`,
`defer x.Body.Close()` or another deferred method call on `x`, and whose `err` is checked only after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of, reaches, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_MADE = lazy_re(r"^\s*(?P<name>[A-Za-z_]\w*)\s*,\s*(?P<err>err\w*|e|[a-z]\w*Err)\s*:?=\s*[\w.]+.*\(")
"""`x, err := f(...)`, the error under any of the usual names (`err`, `e`, `openErr`)."""
_DEFERRED = lazy_re(r"^\s*defer\s+(?P<target>[A-Za-z_]\w*)(?P<rest>(?:\.\w+)*)\.\w+\s*\(")
_ERR_CHECK = r"^\s*if\s+(?:[^;{{]*;\s*)?{err}\s*!=\s*nil\b"


@register(
    CheckSpec(
        id="GO-DEFER-BEFORE-ERR-CHECK",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`defer` on a result before its error is checked",
        explanation=(
            "When the call fails, the value it returned is nil (or unusable), and the deferred call runs on "
            "it at return: a nil-pointer panic for most types (`resp.Body`, `rows`), on the very path that "
            "should have returned the error. Check the error first and defer the `Close` after it."
        ),
    ),
    needs=("defer",),
)
def defer_before_check(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    for index, (no, _code, bare) in enumerate(rows):
        if "defer" not in bare:
            continue
        deferred = _DEFERRED.match(bare)
        if deferred is None or index == 0:
            continue
        made_at = _previous_statement(lexed, rows, index)
        if made_at is None:
            continue
        made = _MADE.match(rows[made_at][2])
        if made is None or made.group("name") != deferred.group("target"):
            continue
        err = re.escape(made.group("err"))
        later = _next_code(rows, index)
        if later is not None and re.match(_ERR_CHECK.format(err=err), later):
            target = deferred.group("target") + deferred.group("rest")
            made_line = rows[made_at][0]
            # From the call that made the value to the `defer` (adjacent statements), when the call is
            # the change's own: a reader on either line sees the finding.
            start, end = (made_line, no) if reaches(ctx, made_line, no) else (no, None)
            yield Hit(start, end, message=(
                f"`{target}` is used by this `defer` before `{made.group('err')}` from line "
                f"{rows[made_at][0]} is checked; after a failed call it is nil."))


def _previous_statement(lexed: Lexed, rows: list[tuple[int, str, str]], index: int) -> int | None:
    """The row that starts the statement just before `index` (blank lines skipped; a call spread over
    several lines is followed back to its first line), if it is on the adjacent known lines."""
    at = index - 1
    while at >= 0 and not rows[at][2].strip():
        at -= 1
    if at < 0 or rows[index][0] - rows[at][0] > 3:
        return None
    for start in range(at, max(-1, at - 8), -1):
        text = rows[start][2]
        if not text.strip() or (start < at and text.strip().startswith("}")):
            return None
        if _MADE.match(text) and statement_span(lexed, rows[start][0]).last == rows[at][0]:
            return start
    return None


def _next_code(rows: list[tuple[int, str, str]], index: int) -> str | None:
    for _no, _code, bare in rows[index + 1 : index + 4]:
        if bare.strip():
            return bare
    return None

