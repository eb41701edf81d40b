"""Python: a Celery task (or an arq job) configured to retry that catches its own failure and finishes
normally.

    @shared_task(bind=True, max_retries=5, default_retry_delay=30)
    def sync_invoice(self, invoice_id):
        try:
            remote = erp_client.push_invoice(invoice.to_erp())
        except ErpError as exc:
            logger.warning("ERP push failed: %s", exc)
            return {"status": "failed"}           # the task SUCCEEDS: no retry ever runs

Celery retries a task (its `max_retries`, `autoretry_for`, `default_retry_delay`, `retry_backoff`) only when
the task raises (or calls `self.retry()`). An `except` that logs the failure and returns, or falls out of
the handler, ends the task in SUCCESS: the retries it was configured for never happen, the result backend
and Flower show it done, and the work is lost.

Reported on an `except` directly in the task's body (not inside a loop over items, nor a nested function)
whose handler treats the error as a failure (logs at warning level or above, returns a failure result, or
catches a failed call to another service: `httpx.HTTPError`, `RequestException`)
and neither raises nor retries. Only tasks whose decorator asks for retries, and with `autoretry_for` only
handlers that catch one of its errors (or everything); handlers of "nothing to do"
errors (`DoesNotExist`, `NotFound`, `Ignore`, `Reject`, `SoftTimeLimitExceeded`) are left alone. In a hunk
whose header names a top-level function of a `tasks` module taking `self` (a bound task, `bind=True`, whose
decorator is above the hunk), a handler directly in its body is judged as in a task that retries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import has_any
from persona_review.checks._spans import enclosing_headers, indent_of, lines_of, python_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.py_error_answered_ok import REMOTE_FAILURE
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_EXCEPT = lazy_re(r"^\s*except\b(?P<what>[^:]*):")
_DEF = lazy_re(r"^\s*(?:async\s+)?def\s")
_LOOP_OR_CLASS = lazy_re(r"^\s*(?:async\s+)?(?:for|while)\b|^\s*class\s")
_TASK = lazy_re(r"^\s*@(?:[\w.]*\.)?(?:shared_task|task)\b", re.MULTILINE)
_RETRY_WORDS = (
    "max_retries", "autoretry_for", "default_retry_delay", "retry_backoff", "retry_kwargs", "retry_jitter",
)
_RETRIES = lazy_re(
    r"\b(?:max_retries|autoretry_for|default_retry_delay|retry_backoff|retry_kwargs|retry_jitter)\s*="
)
_AUTORETRY = lazy_re(r"\bautoretry_for\s*=\s*\(?([^)=]*)")
_NAME = lazy_re(r"[A-Za-z_][\w.]*")
_NOTHING_TO_DO = lazy_re(r"DoesNotExist|NotFound|\bIgnore\b|\bReject\b|SoftTimeLimitExceeded|Terminated")
_FAILS = lazy_re(r"^\s*raise\b|\.retry\s*\(")
_TREATED_AS_FAILURE = lazy_re(
    r"\.(?:warning|warn|error|exception|critical)\s*\(|\bcapture_exception\s*\(|"
    r"^\s*return\b[^#]*(?:\bFalse\b|fail|error)"
)


@register(
    CheckSpec(
        id="PY-TASK-FAILURE-SWALLOWED",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Task configured to retry (Celery, arq) catches its own failure: it succeeds and never retries",
        explanation=(
            "Celery retries a task only when it raises or calls `self.retry()`. Catching the error, logging "
            "it and returning ends the task in SUCCESS: the retries its decorator asks for never run and the "
            "work is lost. Raise again after logging, or `raise self.retry(exc=exc)`."
        ),
    ),
    # a retry setting in the task's decorator, a bound task's `self`, an arq job's `Retry`
    needs=(*_RETRY_WORDS, "self", "Retry(", "dramatiq", "rq", "arq", "Records", "WorkerSettings"),
)
def task_failure_swallowed(ctx: FileContext) -> Iterator[Hit]:
    text = ctx.known_text()
    arq = "Retry(" in text or _ARQ_MODULE.search(text) is not None
    others = _OTHER_QUEUES.search(text) is not None
    if ((ctx.whole_file or not _TASKS_MODULE.search(ctx.path)) and not has_any(text, _RETRY_WORDS) and not arq
            and not others):
        return  # neither a decorator asking for retries nor a bound task's hunk (most files with `self`)
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        found = _EXCEPT.match(bare)
        if found is None or _NOTHING_TO_DO.search(found.group("what")):
            continue
        if others:
            lambda_hit = _sqs_batch_swallowed(lexed, no)
            if lambda_hit is not None:
                yield lambda_hit
                continue
        retried = _retried_errors(lexed, no, text)
        if retried is None and _bound_task_out_of_view(ctx, lexed, no):
            retried = frozenset()
        arq_job = retried is None and arq and _arq_job_that_retries(
            ctx, lexed, no, _ARQ_MODULE.search(text) is not None)
        if arq_job:
            retried = frozenset()
        if retried is None or (retried and not _catches_any(found.group("what"), retried)):
            continue
        body = python_block(lexed, no)
        if not body or body == [no]:
            continue
        texts = [lexed.bare.get(n, "") for n in body]
        if any(_FAILS.search(t) for t in texts) or not (any(_TREATED_AS_FAILURE.search(t) for t in texts)
                                                        or REMOTE_FAILURE.search(bare)):
            continue
        if _RQ_MODULE.search(text) and any(_FAILURE_METRIC.search(lexed.code.get(n, "")) for n in body) \
                and _in_rq_job(lexed, no):
            continue  # an RQ job (no retries to lose) that counts the failure in a metric: recorded, watched
        if arq_job:
            yield Hit(no, body[-1] if body[-1] > no else None, (
                "This `except` ends the arq job normally, so it is recorded as a success: no `Retry` and no "
                "failed result for this failure, and the work is lost. Raise `Retry(defer=...)` for a "
                "transient failure, or raise again after logging."))
            continue
        yield Hit(no, body[-1] if body[-1] > no else None, (
            "This `except` ends the task normally, so Celery records SUCCESS: the retries its decorator "
            "configures never run, and the work is lost. Raise again after logging, or "
            "`raise self.retry(exc=exc)`."))


def _retried_errors(lexed: Lexed, line: int, source: str = "") -> frozenset[str] | None:
    """When `line` is in the body of a function decorated as a Celery task with retries configured, a
    Dramatiq actor (which retries by default) or an RQ job (no loop or nested function between them): the
    exception names its `autoretry_for` retries (empty when it retries, or fails the job, whatever the
    error). None otherwise."""
    for header, text in enclosing_headers(lexed, line):
        if _LOOP_OR_CLASS.match(text):
            return None
        if _DEF.match(text):
            decorators = "\n".join(_decorators(lexed, header, indent_of(text)))
            if _DRAMATIQ_ACTOR.search(decorators) and not _NO_RETRIES.search(decorators):
                return frozenset()
            if _RQ_JOB.search(decorators) and _RQ_MODULE.search(source):
                return frozenset()
            if not _TASK.search(decorators) or _RETRIES.search(decorators) is None:
                return None
            auto = _AUTORETRY.search(decorators)
            return frozenset(_last_names(auto.group(1))) if auto else frozenset()
    return None


_BOUND_TASK_SECTION = lazy_re(r"^(?:async\s+)?def\s+\w+\s*\(\s*self\b")
_TASKS_MODULE = lazy_re(r"(?:^|/)tasks(?:/|\.py$)")


def _bound_task_out_of_view(ctx: FileContext, lexed: Lexed, line: int) -> bool:
    """A hunk inside a top-level function of a `tasks` module whose first parameter is `self` (git names it
    in the hunk header): a bound Celery task (`bind=True`) whose decorator is above the hunk. The `except`
    must sit directly in its body (first indentation level, no header of a loop or nested block in view)."""
    if ctx.whole_file or not _TASKS_MODULE.search(ctx.path) or indent_of(lexed.bare[line]) != 4:
        return False
    if next(enclosing_headers(lexed, line), None) is not None:
        return False
    return bool(_BOUND_TASK_SECTION.match(ctx.section_at(line)))


_OTHER_QUEUES = lazy_re(
    r"^\s*(?:import|from)\s+(?:dramatiq|rq|arq)\b|\[[\"']Records[\"']\]|^\s*class\s+WorkerSettings\b", re.M)
"""A module of Dramatiq actors, RQ or arq jobs, or an AWS Lambda reading an SQS batch."""
_ARQ_MODULE = lazy_re(r"^\s*(?:import|from)\s+arq\b|^\s*class\s+WorkerSettings\b", re.M)
_DRAMATIQ_ACTOR = lazy_re(r"^\s*@(?:dramatiq\.)?actor\b", re.M)
_NO_RETRIES = lazy_re(r"\bmax_retries\s*=\s*0\b")
_RQ_JOB = lazy_re(r"^\s*@(?:rq\.decorators\.)?job\s*\(", re.M)
_RQ_MODULE = lazy_re(r"^\s*(?:import|from)\s+rq\b", re.M)
_FAILURE_METRIC = lazy_re(r"\.(?:incr|increment|inc|count)\w*\s*\([^)]*(?:error|fail)")


def _in_rq_job(lexed: Lexed, line: int) -> bool:
    """`line` is in the body of a function decorated as an RQ `@job(...)`."""
    for header, text in enclosing_headers(lexed, line):
        if _DEF.match(text):
            return _RQ_JOB.search("\n".join(_decorators(lexed, header, indent_of(text)))) is not None
    return False


_LAMBDA = lazy_re(r"^\s*(?:async\s+)?def\s+\w+\s*\(\s*event\s*,\s*context\s*\)")
_RECORDS_LOOP = lazy_re(r"^\s*for\s+(?P<item>\w+)\s+in\s+event\s*\[\s*[\"']Records[\"']\s*\]")
_REPORTS_ITEM = lazy_re(r"itemIdentifier|batchItemFailures\s*\.|\.append\s*\(|\.add\s*\(")


def _sqs_batch_swallowed(lexed: Lexed, line: int) -> Hit | None:
    """An `except` in a Lambda's loop over an SQS batch (`for record in event["Records"]`) that logs and goes
    on without naming the record in `batchItemFailures` (nor raising): Lambda deletes the whole batch when
    the handler returns, the failed records with it."""
    loop = None
    for header, text in enclosing_headers(lexed, line):
        if _RECORDS_LOOP.match(lexed.code.get(header, "")):
            loop = header
            continue
        if _DEF.match(text):
            if loop is None or not _LAMBDA.match(text):
                return None
            break
    else:
        return None
    body = python_block(lexed, line)
    texts = [lexed.bare.get(n, "") for n in body if n > line]
    if not texts or any(_FAILS.search(t) or _REPORTS_ITEM.search(t) or re.match(r"^\s*(?:return|break)\b", t)
                        for t in texts):
        return None
    if not any(_TREATED_AS_FAILURE.search(t) or re.search(r"\.(?:exception|error)\s*\(", t) for t in texts):
        return None
    return Hit(line, body[-1] if body[-1] > line else None, (
        "This `except` logs the failed SQS record and goes on: the handler returns normally, so Lambda "
        "deletes the whole batch, this record with it, and it is never retried. Add its `messageId` to "
        "`batchItemFailures` (with `ReportBatchItemFailures` on), or raise."))


_ARQ_JOB = lazy_re(r"^\s*async\s+def\s+\w+\s*\(\s*ctx\b")
"""An arq job: a coroutine whose first parameter is the worker's `ctx` dict."""
_RAISES_RETRY = lazy_re(r"^\s*raise\s+(?:arq\.(?:worker\.)?)?Retry\s*\(")


def _arq_job_that_retries(ctx: FileContext, lexed: Lexed, line: int, arq_module: bool = False) -> bool:
    """`line` is directly in the body of an arq job (`async def job(ctx, ...)`, its header in view or named
    by the hunk's header) that raises arq's `Retry` somewhere: the job means transient failures to be
    retried, so a handler that logs one and returns loses it."""
    start: int | None = None
    for header, text in enclosing_headers(lexed, line):
        if _LOOP_OR_CLASS.match(text):
            return False
        if _DEF.match(text):
            if not _ARQ_JOB.match(text):
                return False
            start = header
            break
    if start is None:
        if indent_of(lexed.bare[line]) != 4 or not _ARQ_JOB.match(ctx.section_at(line)):
            return False
        start = line
        while lexed.bare.get(start - 1) is not None:
            start -= 1
    end = start + 1
    while (after := lexed.bare.get(end)) is not None and (not after.strip() or indent_of(after) > 0):
        end += 1
    return arq_module or any(_RAISES_RETRY.match(lexed.bare.get(n, "")) for n in range(start, end))


def _last_names(text: str) -> list[str]:
    return [name.rsplit(".", 1)[-1] for name in _NAME.findall(text)]


def _catches_any(what: str, retried: frozenset[str]) -> bool:
    """The `except` catches one of the retried errors, or everything (`Exception`, a bare `except`)."""
    caught = set(_last_names(what.split(" as ", maxsplit=1)[0]))
    return not caught or bool(caught & (retried | {"Exception", "BaseException"}))


def _decorators(lexed: Lexed, definition: int, indent: int) -> list[str]:
    """The decorator lines above a `def`: `@...` lines at its indentation, with the lines of a decorator's
    arguments spread over several lines (more indented, or a closing `)`)."""
    out: list[str] = []
    for no in range(definition - 1, max(0, definition - 12), -1):
        text = lexed.bare.get(no)
        if text is None or not text.strip():
            break
        stripped = text.lstrip()
        if indent_of(text) > indent or (indent_of(text) == indent and stripped.startswith(("@", ")"))):
            out.insert(0, text)
            continue
        break
    return out
