"""Java: a wait with no time limit on a request, listener or scheduler thread.

    @GetMapping("/orders/{id}/quote")
    public Quote quote(@PathVariable long id) throws Exception {
        return pricingClient.quoteAsync(id).get();     // a stuck pricing call holds this thread forever
    }

A servlet container, a Kafka/Rabbit/JMS listener container and Spring's scheduler each run on a small,
fixed pool of threads. `future.get()`, `future.join()`, `latch.await()` and `queue.take()` without a timeout
park the thread until the other side answers; when it never does, every thread of the pool ends up parked
and the service stops answering (or stops consuming) without a single error. Reported in a method
annotated as a request handler (`@GetMapping`, `@RequestMapping`, ...), a listener (`@KafkaListener`,
`@RabbitListener`, `@JmsListener`, `@SqsListener`) or `@Scheduled`: a no-argument `get()`/`join()` on a
future (a name or call that reads as one: `future`, `...Async(...)`, `CompletableFuture.allOf(...)`), or an
`await()`/`take()` on a latch, barrier or queue. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ENTRY = lazy_re(
    r"@(?:GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping|KafkaListener|"
    r"RabbitListener|JmsListener|SqsListener|Scheduled)\b"
)
_WAIT = lazy_re(
    r"(?P<future>\b\w*(?:[Ff]uture|Async)\w*\s*(?:\([^;]*?\))?\s*\.\s*(?:get|join)\s*\(\s*\))"
    r"|(?P<latch>\b\w*(?:[Ll]atch|[Bb]arrier)\w*\s*\.\s*await\s*\(\s*\))"
    r"|(?P<queue>\b\w*[Qq]ueue\w*\s*\.\s*take\s*\(\s*\))"
)
_FUTURE_DECL = lazy_re(
    r"\b(?:Completable)?Future\s*<[^;=]*>\s+([A-Za-z_$][\w$]*)\s*="
    r"|\b([A-Za-z_$][\w$]*)\s*=\s*[\w.]*\b(?:supplyAsync|runAsync|submit|\w+Async)\s*\("
)
"""A local that holds a future: declared with a future type, or given the result of an async call."""
_METHOD_HEAD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")
_CONTROL = lazy_re(
    r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized|return|new)\b"
)


def _future_names(lines: Iterator[str]) -> list[str]:
    """The names the method's lines declare or assign a future to (`CompletableFuture<X> reviews = ...`)."""
    return sorted({m.group(1) or m.group(2) for line in lines for m in _FUTURE_DECL.finditer(line)})


@register(
    CheckSpec(
        id="JAVA-WAIT-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Wait without a timeout on a request, listener or scheduler thread",
        explanation=(
            "Request handlers, message listeners and scheduled jobs run on small fixed thread pools. A "
            "`get()`/`join()`/`await()`/`take()` with no time limit parks the thread until the other side "
            "answers; when it never does, the pool fills with parked threads and the service stops "
            "answering or consuming, with no error anywhere. Wait with a limit (`get(2, TimeUnit.SECONDS)`, "
            "`orTimeout(...)`, `await(5, SECONDS)`, `poll(timeout, unit)`) and handle the timeout."
        ),
    ),
    needs=("get()", "join()", "await()", "take()"),
)
def wait_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for block in blocks_of(ctx).all():
        declaration = declaration_of(lexed, block)
        if not _ENTRY.search(declaration):
            continue
        signature = signature_of(declaration)
        if _CONTROL.match(signature) or not _METHOD_HEAD.search(signature):
            continue
        futures = _future_names(lexed.bare.get(no, "") for no in range(block.first + 1, block.last + 1))
        held = re.compile(rf"\b(?:{'|'.join(map(re.escape, futures))})\s*\.\s*(?:get|join)\s*\(\s*\)") \
            if futures else None
        for no in range(block.first + 1, block.last + 1):
            bare = lexed.bare.get(no, "")
            found = _WAIT.search(bare) or (held.search(bare) if held is not None else None)
            if found is None:
                continue
            call = " ".join(found.group().split())
            yield Hit(no, message=(
                f"`{call}` waits with no time limit on a request, listener or scheduler thread: if the other "
                f"side never answers, the thread is parked for good. Pass a timeout and handle it."))
