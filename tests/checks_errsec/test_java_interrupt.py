"""JAVA-INTERRUPT-SWALLOWED: an InterruptedException caught and dropped, in snippets written for these
tests (polling loops, executors, futures), with the handlers that honour the interrupt."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

RULE = "JAVA-INTERRUPT-SWALLOWED"
PATH = "src/main/java/com/acme/sync/InventoryPoller.java"


def _all(code: str, path: str = PATH) -> set[tuple[int, str]]:
    return findings_of(path, code)


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in _all(code, path) if rule == RULE)


def _cls(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.sync;\n\npublic class InventoryPoller {{\n{lines}}}\n"


def test_a_polling_loop_that_logs_the_interrupt_and_sleeps_again_is_reported() -> None:
    code = _cls(
        "public void run() {",                                  # 4
        "    while (running) {",
        "        pollOnce();",
        "        try {",
        "            Thread.sleep(pollMillis);",
        "        } catch (InterruptedException e) {",            # 9
        "            log.warn(\"poller interrupted\", e);",
        "        }",
        "    }",
        "}",
    )
    assert _lines(code) == [9]


def test_a_multi_catch_around_future_get_that_returns_a_default_later_is_reported() -> None:
    code = _cls(
        "public Quote quote(String sku) {",
        "    try {",
        "        return pricing.quoteAsync(sku).get(2, TimeUnit.SECONDS);",
        "    } catch (InterruptedException | ExecutionException | TimeoutException e) {",   # 7
        "        log.error(\"quote failed for {}\", sku, e);",
        "    }",
        "    return Quote.unavailable(sku);",
        "}",
    )
    assert _lines(code) == [7]


def test_an_ignored_interrupt_is_reported_here_and_an_unnamed_empty_one_by_the_empty_catch_check() -> None:
    code = _cls(
        "void pause(long ms) {",
        "    try {",
        "        Thread.sleep(ms);",
        "    } catch (InterruptedException ignored) {",             # 7
        "    }",
        "}",
        "void pauseAgain(long ms) {",
        "    try {",
        "        Thread.sleep(ms);",
        "    } catch (InterruptedException e) {",                   # 13
        "    }",
        "}",
    )
    found = _all(code)
    assert (7, RULE) in found and (13, RULE) not in found
    assert (13, "JAVA-EMPTY-CATCH") in found


def test_a_catch_all_around_a_queue_take_in_a_worker_loop_is_reported_once() -> None:
    code = _cls(
        "void start() {",
        "    executor.execute(() -> {",
        "        while (true) {",
        "            try {",
        "                Job job = jobQueue.take();",
        "                job.run();",
        "            } catch (Exception e) {",                           # 10
        "                log.error(\"job failed\", e);",
        "            }",
        "        }",
        "    });",
        "}",
    )
    found = _all(code)
    assert sorted(line for line, rule in found if rule == RULE) == [10]
    assert (10, "JAVA-BROAD-CATCH") not in found


def test_handlers_that_honour_the_interrupt_are_quiet() -> None:
    code = _cls(
        "void a() throws InterruptedException {",
        "    try { Thread.sleep(10); } catch (InterruptedException e) { throw e; }",
        "}",
        "void b() {",
        "    try { latch.await(); } catch (InterruptedException e) {",
        "        Thread.currentThread().interrupt();",
        "        log.warn(\"stopping\");",
        "    }",
        "}",
        "void c() {",
        "    while (true) {",
        "        try { Thread.sleep(10); } catch (InterruptedException e) { break; }",
        "    }",
        "}",
        "Result d() {",
        "    try { return future.get(); } catch (InterruptedException | ExecutionException e) {",
        "        throw new IllegalStateException(\"lookup failed\", e);",
        "    }",
        "}",
        "void e() {",
        "    try { latch.await(); } catch (InterruptedException e) { result.completeExceptionally(e); }",
        "}",
        "void f() {",
        "    boolean interrupted = false;",
        "    while (!done) {",
        "        try { done = pool.awaitTermination(1, TimeUnit.SECONDS); }",
        "        catch (InterruptedException e) { interrupted = true; }",
        "    }",
        "    if (interrupted) { Thread.currentThread().interrupt(); }",
        "}",
    )
    assert _lines(code) == []


def test_catch_alls_that_are_not_around_a_blocking_wait_in_a_loop_are_left_to_the_other_checks() -> None:
    code = _cls(
        "void a() {",
        "    try { Thread.sleep(10); } catch (Exception e) { log.warn(\"slept badly\", e); }",
        "}",
        "void b() {",
        "    for (Item item : items) {",
        "        try { repo.save(item); } catch (Exception e) { log.warn(\"skip\", e); }",
        "    }",
        "}",
        "void c() {",
        "    while (!stopped) {",
        "        try { Thread.sleep(10); } catch (Throwable t) { log.warn(\"tick\", t); }",
        "    }",
        "}",
        "void d() {",
        "    while (true) {",
        "        try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return; }",
        "        catch (Exception e) { log.warn(\"tick\", e); }",
        "    }",
        "}",
    )
    assert _lines(code) == []


def test_tests_are_left_alone() -> None:
    code = _cls(
        "void waits() {",
        "    try { Thread.sleep(5); } catch (InterruptedException e) { log.warn(\"x\", e); }",
        "}",
    )
    assert _lines(code, "src/test/java/com/acme/sync/InventoryPollerTest.java") == []
    assert _lines(code) == [5]


def test_a_hunk_inside_a_method_is_enough() -> None:
    diff = (
        "diff --git a/src/main/java/a/Relay.java b/src/main/java/a/Relay.java\n"
        "--- a/src/main/java/a/Relay.java\n"
        "+++ b/src/main/java/a/Relay.java\n"
        "@@ -80,4 +80,9 @@ public class Relay {\n"
        "         while (open) {\n"
        "             forward(buffer.poll());\n"
        "+            try {\n"
        "+                TimeUnit.MILLISECONDS.sleep(backoff);\n"
        "+            } catch (InterruptedException ex) {\n"
        "+                log.debug(\"woken up\");\n"
        "+            }\n"
        "         }\n"
        "     }\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == RULE] == [(84, RULE)]


def test_an_empty_try_has_nothing_to_interrupt() -> None:
    code = _cls(
        "void a() {",
        "    try {",
        "    } catch (InterruptedException ignored) {}",
        "}",
    )
    assert _lines(code) == []
