"""Python: a Celery task that retries every error, for ever.

    @shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=None)
    def sync_contact(self, user_id):
        ...                                   # a deleted user, a 400 from the CRM: retried for ever

`autoretry_for=(Exception,)` retries permanent failures (a bug, a row deleted since the enqueue, data the
other side rejects) as well as passing ones, and `max_retries=None` takes away the only thing that would
end them. The task never leaves the queue, holds a worker slot on every attempt, and repeats whatever it did
before failing. Reported on the `max_retries=None` (or `retry_kwargs={"max_retries": None}`) of a task
decorator, or of a `Task` subclass's attributes, whose `autoretry_for` names `Exception` or
`BaseException`. A task that retries only named transient errors without end, or every error a bounded
number of times, is left alone; so is a decorator or class the lines in view do not show whole.
ANY-RETRY-NO-BACKOFF covers the imperative form (`self.retry()` in a `max_retries=None` task) without a
growing wait; RB-RETRY-ON-ALL-FOREVER is the Active Job form.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import bracket_span, python_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_UNBOUNDED = lazy_re(r"""\bmax_retries['"]?\s*[=:]\s*None\b""")
_TASK_DECORATOR = lazy_re(r"^\s*@(?:[\w.]*\.)?(?:shared_task|task)\s*\(")
_TASK_CLASS = lazy_re(r"^\s*class\s+\w+\s*\([^)]*\bTask\b")
_CATCH_ALL = lazy_re(r"\bautoretry_for\s*=\s*[(\[]?[^=]*?(?<![\w.])(?:builtins\.)?(?:Base)?Exception\b")
_LOOK_BACK = 15


@register(
    CheckSpec(
        id="PY-TASK-RETRY-FOREVER",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Celery task retries every error without end",
        explanation=(
            "`autoretry_for=(Exception,)` with `max_retries=None` retries permanent failures as well as "
            "passing ones: a bug, a record deleted since the enqueue, data the other side rejects. The task "
            "never leaves the queue, holds a worker on every attempt and repeats what it did before failing. "
            "Retry the transient errors by name (`httpx.TransportError`, `ConnectionError`) and bound the "
            "attempts (`max_retries=8`)."
        ),
    ),
    needs=("max_retries",),
)
def task_retry_forever(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(lines_containing(lexed.code, ("max_retries",))):
        if not _UNBOUNDED.search(lexed.code[no]):
            continue
        owner = _owner_text(lexed, no)
        if owner is not None and _CATCH_ALL.search(owner):
            yield Hit(no, None, (
                "`max_retries=None` on a task that retries every `Exception`: a permanent failure (a bug, a "
                "deleted row, a rejected request) is retried for ever, holding a worker and repeating its "
                "side effects. Retry named transient errors and cap `max_retries`."))


def _owner_text(lexed: Lexed, line: int) -> str | None:
    """The code of the task decorator whose arguments hold `line`, or of the `Task` subclass body it is an
    attribute of; None when neither is in view whole."""
    for no in range(line, max(0, line - _LOOK_BACK), -1):
        code = lexed.code.get(no)
        if code is None:
            return None
        bare = lexed.bare[no]
        if _TASK_DECORATOR.match(bare):
            span = bracket_span(lexed, no, bare.index("("))
            return span.code if span.closed and span.last >= line else None
        if _TASK_CLASS.match(bare):
            body = python_block(lexed, no)
            if line not in body:
                return None
            return "\n".join(lexed.code[n] for n in body)
        if no < line and bare.strip() and not bare[0].isspace() and not bare.lstrip().startswith(")"):
            return None  # a top-level statement between: the line belongs to no task header
    return None
