"""asyncio cancellation caught and dropped inside a loop: an `except` that catches `CancelledError` (named,
in a tuple, or through `BaseException`) around an `await`, inside a `while` loop, whose handler neither
re-raises nor leaves the loop (`raise`, `return`, `break`). `task.cancel()` raises `CancelledError` at the
task's `await`; this handler eats it and the loop goes round again, so the task can never be cancelled:
shutdown (`asyncio.run`, uvicorn, a TaskGroup) waits on it forever.

Read on lines: the `except` header, the `try:` it belongs to (same indentation, above it), the enclosing
headers up to the function (a `while` must come before the `def`), and the handler's block, which must be
known to end, or already `continue` or sleep before the next round when the hunk cuts it off. A bare
`except:` is PY-BARE-EXCEPT's. Awaiting a task one has just cancelled and catching its `CancelledError`
happens outside such loops, so it is not reported; nor is a `try` around `asyncio.shield(...)`, which
means to outlast cancellation.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import (
    enclosing_headers,
    indent_of,
    lines_of,
    python_block,
    python_block_closed,
)
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_EXCEPT = lazy_re(r"^\s*except\s*\(?(?P<what>[^:]*?)\)?\s*(?:as\s+\w+\s*)?:")
_CATCHES_CANCEL = lazy_re(
    r"(?<![\w.])(?:asyncio\.(?:exceptions\.)?)?CancelledError\b|(?<![\w.])BaseException\b"
)
_SHIELDED = lazy_re(r"\bshield\s*\(")
"""`await asyncio.shield(...)`: the code means to outlast cancellation (wait for work it must not cut)."""
_TRY = lazy_re(r"^\s*try\s*:")
_SIBLING_CLAUSE = lazy_re(r"^\s*(?:except\b|else\s*:|finally\s*:)")
_AWAITS = lazy_re(r"\bawait\b|^\s*async\s+(?:for|with)\b")
_WHILE = lazy_re(r"^\s*while\b")
_FUNCTION = lazy_re(r"^\s*(?:async\s+)?def\b|^\s*class\b")
_GOES_ROUND = lazy_re(r"^\s*continue\b|\bsleep\(")
"""In a handler the hunk cuts off: the loop is seen to go round again (a pause before the next attempt)."""
_EXITS = lazy_re(r"^\s*(?:raise|return|break)\b|\bsys\.exit\(|\bos\._exit\(")


@register(
    CheckSpec(
        id="PY-CANCEL-SWALLOWED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="asyncio cancellation caught in a loop and dropped: the task cannot be cancelled",
        explanation=(
            "`task.cancel()` works by raising `CancelledError` at the task's next `await`. This `except` "
            "catches it (by name, in a tuple, or through `BaseException`) and the loop carries on, so the "
            "task never stops: shutdown, timeouts (`asyncio.wait_for`, `asyncio.timeout`) and TaskGroups "
            "wait on it forever. Catch `Exception` instead, or re-raise `CancelledError` "
            "(`except asyncio.CancelledError: raise` before the broad handler)."
        ),
    ),
    needs=("except",),
)
def cancel_swallowed(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "except" not in bare:
            continue
        header = _EXCEPT.match(bare)
        if header is None or not _CATCHES_CANCEL.search(header.group("what")):
            continue
        try_line = _try_of(lexed, no)
        if try_line is None:
            continue
        tried = [lexed.bare[n] for n in python_block(lexed, try_line)]
        if not any(_AWAITS.search(text) for text in tried) or any(_SHIELDED.search(text) for text in tried):
            continue
        if not _in_while_loop(lexed, try_line):
            continue
        handler = python_block(lexed, no)
        if any(_EXITS.search(lexed.bare[n]) for n in handler):
            continue
        if not python_block_closed(lexed, no, handler) and not any(
                _GOES_ROUND.search(lexed.bare[n]) for n in handler):
            continue  # cut off by the hunk, and not yet seen to go round again
        yield Hit(no, message=(
            f"`except {header.group('what').strip()}` catches `asyncio.CancelledError` and the loop goes on: "
            "`task.cancel()` can never stop this task, so shutdown waits on it forever. Catch `Exception` "
            "(which leaves `CancelledError` alone), or re-raise `CancelledError`."))


def _try_of(lexed: Lexed, except_line: int) -> int | None:
    """The `try:` line the `except` on `except_line` belongs to."""
    indent = indent_of(lexed.bare[except_line])
    for no in range(except_line - 1, 0, -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if not text.strip() or indent_of(text) > indent:
            continue
        if indent_of(text) < indent:
            return None
        if _TRY.match(text):
            return no
        if not _SIBLING_CLAUSE.match(text):
            return None
    return None


def _in_while_loop(lexed: Lexed, line: int) -> bool:
    """Whether a `while` header encloses `line` inside its function."""
    for _no, text in enclosing_headers(lexed, line):
        if _WHILE.match(text):
            return True
        if _FUNCTION.match(text):
            return False
    return False
