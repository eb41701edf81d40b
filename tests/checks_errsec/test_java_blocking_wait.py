"""JAVA-WAIT-NO-TIMEOUT: a wait with no limit inside a request handler, listener or scheduled method, in
Spring code written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

RULE = "JAVA-WAIT-NO-TIMEOUT"
PATH = "src/main/java/com/acme/pricing/QuoteController.java"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _cls(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.pricing;\n\n@RestController\npublic class QuoteController {{\n{lines}}}\n"


def test_unbounded_waits_in_handlers_listeners_and_jobs_are_reported() -> None:
    code = _cls(
        "@GetMapping(\"/quotes/{id}\")",
        "public Quote quote(@PathVariable long id) throws Exception {",
        "    return pricing.quoteAsync(id).get();",                           # 7
        "}",
        "@KafkaListener(topics = \"orders\")",
        "public void onOrder(OrderEvent event) {",
        "    CompletableFuture<Void> stockFuture = stock.reserve(event);",
        "    stockFuture.join();",                                           # 12
        "}",
        "@Scheduled(fixedDelay = 5000)",
        "public void drain() throws InterruptedException {",
        "    Job job = jobQueue.take();",                                    # 16
        "    doneLatch.await();",                                            # 17
        "}",
    )
    assert _lines(code) == [7, 12, 16, 17]


def test_bounded_waits_and_other_methods_are_quiet() -> None:
    code = _cls(
        "@GetMapping(\"/quotes/{id}\")",
        "public Quote quote(@PathVariable long id) throws Exception {",
        "    Quote q = pricing.quoteAsync(id).get(2, TimeUnit.SECONDS);",
        "    stockFuture.orTimeout(1, TimeUnit.SECONDS).join();",
        "    doneLatch.await(5, TimeUnit.SECONDS);",
        "    Job job = jobQueue.poll(1, TimeUnit.SECONDS);",
        "    Optional<User> user = users.findById(id);",
        "    return q.withUser(user.get()).withRef(ref.get());",
        "}",
        "public void warmUp() throws Exception {",
        "    cacheFuture.get();",
        "}",
    )
    assert _lines(code) == []
    assert _lines(code.replace("cacheFuture.get()", "pricing.quoteAsync(1).get()"),
                  "src/test/java/com/acme/pricing/QuoteControllerTest.java") == []


def test_a_hunk_with_the_handler_is_read() -> None:
    diff = (
        "diff --git a/src/main/java/a/Api.java b/src/main/java/a/Api.java\n"
        "--- a/src/main/java/a/Api.java\n"
        "+++ b/src/main/java/a/Api.java\n"
        "@@ -20,2 +20,6 @@ public class Api {\n"
        "     }\n"
        "+    @PostMapping(\"/sync\")\n"
        "+    public void sync() throws Exception {\n"
        "+        syncService.runAsync().get();\n"
        "+    }\n"
        " }\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == RULE] == [(23, RULE)]


def test_a_future_held_in_a_plainly_named_local_is_followed_to_its_wait() -> None:
    code = _cls(
        "@GetMapping(\"/products/{id}\")",
        "public ProductView get(@PathVariable long id) throws Exception {",
        "    CompletableFuture<List<Review>> reviews = CompletableFuture.supplyAsync(() -> client.of(id), pool);",
        "    var stock = executor.submit(() -> inventory.count(id));",
        "    Optional<Product> product = products.findById(id);",
        "    return ProductView.of(product.get(), reviews.get(), stock.get());",          # 10
        "}",
        "@GetMapping(\"/products/{id}/fast\")",
        "public ProductView fast(@PathVariable long id) throws Exception {",
        "    CompletableFuture<List<Review>> reviews = CompletableFuture.supplyAsync(() -> client.of(id), pool);",
        "    return ProductView.of(products.find(id), reviews.get(300, TimeUnit.MILLISECONDS));",
        "}",
    )
    assert _lines(code) == [10]
