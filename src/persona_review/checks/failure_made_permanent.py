"""A job queue told that every failure of a network call is final: the job is dropped (or dead-lettered)
where a retry would have passed.

    try {
      await deliverWebhook(job.data.url, job.data.body);
    } catch (err) {
      throw new UnrecoverableError(`delivery failed: ${err.message}`);   // a timeout ends the job for good
    }

    except requests.RequestException as exc:
        raise Reject(exc, requeue=False)       # a 503 drops the message: no retry, no redelivery

BullMQ's `UnrecoverableError` fails the job without using its remaining attempts; Celery's `Reject`
(requeue off, its default) drops or dead-letters the message. Both are right for a payload that can never
succeed, and wrong for a call whose usual failures (a timeout, a reset connection, a 5xx, a rate limit)
pass on the next try. Reported on the `throw`/`raise` when it sits directly in a handler that catches
everything (or a network, timeout or connection error) around a call that does I/O, with no test of which
error it is before it. A Celery task that retries anywhere (`self.retry(...)`, `autoretry_for=`) is left
alone: it already tells the failures it retries from the ones it rejects. Go's asynq `SkipRetry` is
GO-ASYNQ-SKIPRETRY-TRANSIENT.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._catch import catches, try_of
from persona_review.checks._lexing import lex
from persona_review.checks._py_functions import Function, caught_names, functions_of, own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|\.test|\.spec)\.\w+$|(?:^|/)test_[^/]*\.py$"
)
_UNRECOVERABLE = lazy_re(r"^\s*throw\s+new\s+UnrecoverableError\s*\(")
_KIND_TEST = lazy_re(
    r"\bif\b|\binstanceof\b|\bswitch\b|\?\s*[^:]+:|\.(?:code|status|statusCode|response|name)\b|isAxiosError"
)
_IO = lazy_re(r"\bawait\b|\.then\s*\(")
_TRANSIENT_NAMES = lazy_re(
    r"(?:^|\.)(?:Exception|BaseException|\w*RequestException|\w*HTTPError|\w*ConnectionError|\w*Timeout\w*|"
    r"OperationalError|\w*ClientError|\w*TransportError|\w*APIError|\w*APIConnectionError|"
    r"ServiceUnavailable\w*|\w*ServerError|OSError|IOError|socket\.error)$"
)
"""What a handler may catch that includes failures a retry fixes."""


@register(
    CheckSpec(
        id="ANY-FAILURE-MADE-PERMANENT",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python", "javascript", "typescript"}),
        title="Every failure of a network call made final for the job queue",
        explanation=(
            "`UnrecoverableError` (BullMQ) and `Reject` (Celery) end the job for good, without its "
            "remaining attempts. Raised for every error of a network call, they turn a timeout, a reset "
            "connection or a 5xx, which would pass on the next try, into lost work. Make only the errors "
            "known to be permanent final (a 4xx the service documents as such, a payload that cannot be "
            "read) and let the others fail normally, so the queue's retries and backoff apply."
        ),
    ),
    needs=("UnrecoverableError", "Reject("),
)
def failure_made_permanent(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    if ctx.language == "python":
        yield from _celery_rejects(ctx)
        return
    lexed = lex(ctx)
    for clause in catches(lexed):
        if not clause.complete:
            continue
        for no in range(clause.line + 1, clause.last + 1):
            bare = lexed.bare.get(no, "")
            if _UNRECOVERABLE.match(bare) is None:
                if _KIND_TEST.search(bare):
                    break  # the handler tells errors apart before (or instead of) giving up
                continue
            tried = try_of(lexed, clause.line)
            if tried is None or not _IO.search(tried.body):
                break
            if no in ctx.added or clause.line in ctx.added:
                yield Hit(no, None, message=(
                    "Every error of the `try` above, a timeout or a 5xx included, is made an "
                    "`UnrecoverableError`: the job fails for good without its remaining attempts. Throw it "
                    "only for errors known to be permanent and rethrow the others."))
            break


def _celery_rejects(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for function in functions_of(flow):
            if _retries(function):
                continue  # the task retries some failures: the ones it rejects are its choice
            for node in own_nodes(function):
                if isinstance(node, ast.Try):
                    yield from _rejects_in(node, flow.offset)


def _retries(function: Function) -> bool:
    """The task retries somewhere (`self.retry(...)`, `autoretry_for=` on its decorator)."""
    for deco in function.decorator_list:
        if isinstance(deco, ast.Call) and any(k.arg == "autoretry_for" for k in deco.keywords):
            return True
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "retry"
               for n in ast.walk(function))


def _rejects_in(node: ast.Try, offset: int) -> Iterator[Hit]:
    if not _does_io(node.body):
        return
    for handler in node.handlers:
        names = caught_names(handler)
        if not any(_TRANSIENT_NAMES.search(name) for name in names):
            continue
        for stmt in handler.body:
            if isinstance(stmt, ast.If | ast.Match):
                break  # the handler tells errors apart first
            if _is_reject(stmt):
                yield Hit(stmt.lineno + offset, None, message=(
                    "Every network failure of the `try` above, a timeout or a 5xx included, is "
                    "answered with `Reject` without requeue: the message is dropped (or "
                    "dead-lettered) where a retry would have passed. Reject only what can never "
                    "succeed and retry the rest (`self.retry(exc=...)`)."))
                break


def _is_reject(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.Raise) or not isinstance(stmt.exc, ast.Call):
        return False
    call = stmt.exc
    if dotted(call.func).rsplit(".", 1)[-1] != "Reject":
        return False
    requeue = next((k.value for k in call.keywords if k.arg == "requeue"), None)
    if requeue is None and len(call.args) >= 2:
        requeue = call.args[1]
    return requeue is None or (isinstance(requeue, ast.Constant) and requeue.value is False)


def _does_io(body: list[ast.stmt]) -> bool:
    """The `try` calls out: an awaited call, or a call of an HTTP client, session or SDK method."""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Await):
                return True
            if isinstance(node, ast.Call):
                name = dotted(node.func)
                if name.split(".", 1)[0] in {"requests", "httpx", "urllib", "session", "client", "boto3",
                                             "stripe", "smtplib"} or name.rsplit(".", 1)[-1] in {
                        "post", "put", "patch", "request", "urlopen", "send", "send_message",
                        "publish", "invoke", "call", "execute", "sendmail", "upload_file", "put_object"}:
                    return True
    return False
