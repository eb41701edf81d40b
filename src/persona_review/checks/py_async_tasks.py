"""Python background tasks started and forgotten: `asyncio.create_task(...)` whose task nobody keeps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_PY = frozenset({"python"})
_DROPPED = re.compile(
    r"^\s*(?:asyncio|(?:self\.|cls\.)?_?\w*loop)\.(?P<fn>create_task|ensure_future)\s*\("
)


@register(
    CheckSpec(
        id="PY-TASK-DROPPED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_PY,
        title="Background task started and never kept",
        explanation=(
            "The event loop keeps only a weak reference to a task: one that nothing stores, awaits or gives "
            "a done-callback can be garbage-collected before it finishes, and its exception is never seen "
            "(at best a 'Task exception was never retrieved' line at exit). Keep the task (a set of running "
            "tasks with `task.add_done_callback(tasks.discard)`), await it, or run it in an "
            "`asyncio.TaskGroup`."
        ),
    ),
    needs=("create_task", "ensure_future"),
)
def task_dropped(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "create_task" not in bare and "ensure_future" not in bare:
            continue
        match = _DROPPED.match(bare)
        if match is None:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        last_part = span.bare.rsplit("\n", 1)[-1]
        end = (match.end() - 1 if span.first == span.last else 0) + len(last_part)
        if lexed.bare.get(span.last, "")[end:].strip():
            continue  # the task is used in a larger expression (`.add_done_callback(...)`)
        yield Hit(no, span.last)
