"""Java: a thread pool made inside an ordinary method and never shut down there.

    public void reindex(List<Long> ids) {
        ExecutorService pool = Executors.newFixedThreadPool(8);   // a new pool on every call
        for (Long id : ids) {
            pool.submit(() -> reindexOne(id));
        }
    }                                                              // ... and its threads live on

An `Executors.new*` pool keeps its (non-daemon) worker threads alive until `shutdown()`; made per call and
dropped, every call leaks its threads until the process runs out of them (or cannot exit).

Reported: `X pool = Executors.new...(...)` (or `Executors.new...(...).submit/execute(...)` used at once)
in a method body known entire (not a field, constructor, static or instance initializer, lambda, `@Bean`
or `@PostConstruct` method, nor `main`), when the method neither shuts the pool down (`shutdown`,
`shutdownNow`, `close`, `awaitTermination`) nor hands it on (returns it, stores it, passes it to a
constructor or a collection). A pool made in `try (...)` is closed by it. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block, method_end
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOCAL_POOL = lazy_re(
    r"^\s*(?:final\s+)?(?:[\w.]*Executor(?:Service)?|var)\s+(?P<name>[a-z_]\w*)\s*=\s*"
    r"(?:java\.util\.concurrent\.)?Executors\s*\.\s*new\w+\s*\("
)
_USED_AT_ONCE = lazy_re(
    r"\bExecutors\s*\.\s*new\w+\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\.\s*"
    r"(?:submit|execute|invokeAll|invokeAny|schedule\w*)\s*\("
)
_CONSTRUCTOR = lazy_re(r"^\s*(?:(?:public|protected|private)\s+)?[A-Z]\w*\s*\([^)]*\)?")
_MAIN = lazy_re(r"\bstatic\s+void\s+main\s*\(")
_ONE_OFF = lazy_re(r"^\s*@(?:Bean|PostConstruct|EventListener|Scheduled)\b")
"""Annotations of methods that run once (or are handed the pool's lifecycle by the container)."""


@register(
    CheckSpec(
        id="JAVA-EXECUTOR-PER-CALL",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Thread pool created per call and never shut down",
        explanation=(
            "An `Executors.new*` pool keeps its worker threads alive until `shutdown()`. Made inside a "
            "method and dropped, every call leaves its threads behind: the JVM runs out of threads or "
            "memory, and cannot exit. Make the pool once (a field or a Spring-managed `TaskExecutor` "
            "bean) and reuse it, or shut it down in a `finally` (`try (var pool = ...)` on Java 19+)."
        ),
    ),
    needs=("Executors",),
)
def executor_per_call(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "Executors" not in bare:
            continue
        local = _LOCAL_POOL.match(bare)
        if local is None and not _USED_AT_ONCE.search(bare):
            continue
        block = method_block(ctx, no)
        if block is not None and not _per_call(ctx, block.header, block.first):
            continue
        if block is None and local is None:
            continue  # a pool used at once: only a method known entire says it is per call
        last = method_end(ctx, lexed.bare, no)
        if last is None:
            continue
        if local is not None:
            body = "\n".join(lexed.bare.get(n, "") for n in range(no + 1, last + 1))
            if _managed(local.group("name"), body):
                continue
        yield Hit(no, message=(
            "A new thread pool is made on every call of this method and never shut down: its threads outlive "
            "the call, so each call leaks them. Make the pool once and reuse it, or shut it down in a "
            "`finally`."))


def _per_call(ctx: FileContext, header: str, first: int) -> bool:
    """Whether the block opened on `first` with `header` is an ordinary method's body (not a constructor,
    initializer, lambda, `main`, or a method the container runs once)."""
    before, _, own = header.rpartition("\n")
    signature = own if own.strip() else before
    if signature.rstrip().endswith("->") or re.match(r"^\s*(?:static\s*)?$", signature):
        return False
    if _CONSTRUCTOR.match(signature) or _MAIN.search(signature):
        return False
    for no in range(first - 1, max(0, first - 6), -1):
        text = ctx.lines.get(no)
        if text is None:
            break
        if _ONE_OFF.match(text):
            return False
        if text.strip().endswith((";", "}")):
            break
    return True


def _managed(name: str, body: str) -> bool:
    """Whether the method shuts the pool `name` down or hands it on (the pool itself, not something it
    returns: `futures.add(pool.submit(...))` hands on a future)."""
    n = re.escape(name)
    itself = rf"\b{n}\b(?!\s*\.)"
    return bool(re.search(
        rf"\b{n}\s*\.\s*(?:shutdown|shutdownNow|close|awaitTermination)\s*\("
        rf"|\breturn\b[^;]*{itself}|=\s*{n}\s*;|\bnew\s+[\w.<>]+\s*\([^;]*{itself}"
        rf"|\.\s*(?:add|put|set\w*|register\w*)\s*\([^;]*{itself}|\btry\s*\([^)]*\b{n}\b",
        body))
