"""Java: asynchronous work whose future is dropped, so an exception it throws is never seen.

    orderRepository.save(order);
    CompletableFuture.runAsync(() -> auditClient.record("order.created", id));   // a failure vanishes

A `CompletableFuture` (or the `Future` from `ExecutorService.submit`) keeps the task's exception until
someone asks for it; a statement that drops the future means no one ever does: no log line, no metric.
Reported: `CompletableFuture.runAsync(...)`/`supplyAsync(...)` as an expression statement (not assigned,
returned or passed on) with no `.exceptionally`/`.handle`/`.whenComplete`/`.join`/`.get` in its chain, whose
task does not catch its own exceptions (`try` in the lambda). Tests are left alone. `executor.submit(...)` is
not reported: in a sweep of mature projects most dropped `submit` futures were `FutureTask`s read later, or
went to executors that log failures themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DROPPED = lazy_re(r"^\s*CompletableFuture\s*\.\s*(?P<call>runAsync|supplyAsync)\s*\(")
_OBSERVED = lazy_re(
    r"\.\s*(?:exceptionally|exceptionallyAsync|handle|handleAsync|whenComplete|whenCompleteAsync|join|get)\s*\("
)
_CATCHES = lazy_re(r"\btry\s*\{|\bcatch\s*\(")


@register(
    CheckSpec(
        id="JAVA-ASYNC-FUTURE-DROPPED",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Async task's future dropped: its exception is never seen",
        explanation=(
            "The exception of an async task is stored in its future, and this statement throws the future "
            "away: when the task fails nothing is logged and nobody notices the missing work. Chain "
            "`.exceptionally(ex -> { log.error(\"...\", ex); return null; })` (or `.whenComplete`), or "
            "catch and log inside the task; with an executor, `execute` instead of `submit` at least "
            "reaches the thread's uncaught-exception handler."
        ),
    ),
    needs=("runAsync", "supplyAsync"),
)
def async_future_dropped(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "Async" not in bare:
            continue
        dropped = _DROPPED.match(bare)
        if dropped is None:
            continue
        span = statement_span(lexed, no)
        bare_text, last = span.bare, span.last
        # a chain continued on the next lines (`\n    .thenAccept(...)`): the statement goes on
        while lexed.bare.get(last + 1, "").lstrip().startswith(".") and last - no < 40:
            more = statement_span(lexed, last + 1)
            bare_text, last = bare_text + "\n" + more.bare, more.last
        if not bare_text.rstrip().endswith(";") or _OBSERVED.search(bare_text) or _CATCHES.search(bare_text):
            continue
        call = "CompletableFuture." + dropped.group("call")
        yield Hit(no, last if last - no <= 10 and no in ctx.added else None, message=(
            f"The future from `{call}(...)` is dropped: if the task throws, the exception is never seen. "
            f"Handle it (`.exceptionally`/`.whenComplete`) or catch and log inside the task."))
