"""Java: asynchronous work whose future is dropped, so an exception it throws is never seen.

    orderRepository.save(order);
    CompletableFuture.runAsync(() -> auditClient.record("order.created", id));   // a failure vanishes

A `CompletableFuture` (or the `Future` from `ExecutorService.submit`) keeps the task's exception until someone
asks for it; a statement that drops the future means no one ever does: no log line, no metric. Reported:
`CompletableFuture.runAsync(...)`/`supplyAsync(...)` as an expression statement (not assigned, returned or
passed on) with no `.exceptionally`/`.handle`/`.whenComplete`/`.join`/`.get` in its chain, whose task does not
catch its own exceptions (`try` in the lambda). An `.exceptionally(ex -> null)` that never looks at the
exception does not count as handling it. Also reported: a Vert.x future chain given `.onSuccess(...)` and no
`.onFailure`/`.onComplete`/`.recover`/`.otherwise` (a failed Vert.x future with no failure handler is dropped
without a log line, and a request handler's client waits until it times out). Tests are left alone.
`executor.submit(...)` is not reported: in a sweep of mature projects most dropped `submit` futures were
`FutureTask`s read later, or went to executors that log failures themselves."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import chained_statement, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DROPPED = lazy_re(r"^\s*CompletableFuture\s*\.\s*(?P<call>runAsync|supplyAsync)\s*\(")
_OBSERVED = lazy_re(
    r"\.\s*(?:exceptionally|exceptionallyAsync|handle|handleAsync|whenComplete|whenCompleteAsync|join|get)\s*\("
)
_CATCHES = lazy_re(r"\btry\s*\{|\bcatch\s*\(")
_BLIND_EXCEPTIONALLY = lazy_re(
    r"\.\s*exceptionally\s*\(\s*\(?\s*(?:\w+\s+)?\w+\s*\)?\s*->\s*(?:null|\{\s*return\s+null\s*;\s*\})\s*\)"
)
"""`.exceptionally(ex -> null)`: the failure turned into a null result without anyone looking at it."""
_VERTX_SUCCESS = lazy_re(r"(?:\)|^)\s*\.\s*onSuccess\s*\(")
_VERTX_HANDLED = lazy_re(r"\.\s*(?:onFailure|onComplete|recover|otherwise|otherwiseEmpty|andThen|eventually|"
                         r"transform|compose|flatMap|map|mapEmpty|toCompletionStage|await|result)\s*\(")
_STATEMENT_START = lazy_re(r"^\s*(?:this\.)?[a-z_]\w*\s*(?:\.|$)")


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
    needs=("runAsync", "supplyAsync", "onSuccess"),
)
def async_future_dropped(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    seen_until = 0
    vertx_possible = "onSuccess" in ctx.known_text()
    for no, _code, bare in lines_of(lexed):
        if no <= seen_until:
            continue
        if vertx_possible and _STATEMENT_START.match(bare):
            vertx = _vertx_unhandled(lexed, no)
            if vertx is not None:
                seen_until = vertx
                yield Hit(no, vertx if vertx - no <= 10 and no in ctx.added else None, message=(
                    "This future chain handles success only (`.onSuccess`): if it fails, the failure is "
                    "dropped without a trace and a waiting client gets no answer. Add `.onFailure(...)` "
                    "(for a route, `.onFailure(ctx::fail)`)."))
                continue
        if "Async" not in bare:
            continue
        dropped = _DROPPED.match(bare)
        if dropped is None:
            continue
        bare_text, last = chained_statement(lexed, no)
        if not bare_text.rstrip().endswith(";") or _CATCHES.search(bare_text):
            continue
        if _OBSERVED.search(_BLIND_EXCEPTIONALLY.sub("", bare_text)):
            continue
        call = "CompletableFuture." + dropped.group("call")
        yield Hit(no, last if last - no <= 10 and no in ctx.added else None, message=(
            f"The future from `{call}(...)` is dropped: if the task throws, the exception is never seen. "
            f"Handle it (`.exceptionally`/`.whenComplete`) or catch and log inside the task."))


def _vertx_unhandled(lexed: Lexed, no: int) -> int | None:
    """The last line of an expression statement starting on `no` whose future chain ends in `.onSuccess(...)`
    handlers with nothing that sees a failure; None otherwise. The `.onSuccess` must follow a call (`)`), so
    a callback invoked by name (`listener.onSuccess(result);`) is not a chain."""
    bare_text, last = chained_statement(lexed, no)
    if not bare_text.rstrip().endswith(";") or "onSuccess" not in bare_text:
        return None
    head = bare_text.lstrip()
    if head.startswith(("return ", "return(")) or "=" in head.split("(", 1)[0]:
        return None
    if not _VERTX_SUCCESS.search(bare_text) or _VERTX_HANDLED.search(bare_text):
        return None
    if "->" not in bare_text and "::" not in bare_text:
        return None  # a value handed to a callback, not a handler given to a future
    return last
