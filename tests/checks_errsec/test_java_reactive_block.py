"""JAVA-REACTIVE-BLOCK: `block()` in WebFlux handlers, and `block()` without a timeout on WebClient calls in
blocking code, written for these tests, with the bounded and composed shapes that stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "JAVA-REACTIVE-BLOCK"
PATH = "src/main/java/com/acme/catalog/PriceController.java"


def _spans(text: str, path: str = PATH) -> list[tuple[int, int | None]]:
    return [(f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
            if f.rule_id == RULE]


_CONTROLLER = """@RestController
class PriceController {
    @GetMapping("/products/{id}/price")
    public PriceDto price(@PathVariable String id) {
        return pricingClient.get()
                .uri("/prices/{id}", id)
                .retrieve()
                .bodyToMono(PriceDto.class)%s
                .%s;
    }
}
"""


def test_a_webclient_call_blocked_without_a_timeout_is_reported() -> None:
    assert _spans(_CONTROLLER % ("", "block()")) == [(5, 9)]


@pytest.mark.parametrize(("extra", "block"), [
    ("", "block(Duration.ofSeconds(3))"),
    ("\n                .timeout(Duration.ofSeconds(3))", "block()"),
])
def test_a_bounded_wait_stays_quiet(extra: str, block: str) -> None:
    assert _spans(_CONTROLLER % (extra, block)) == []


def test_blocking_a_mono_that_is_no_webclient_call_stays_quiet_in_blocking_code() -> None:
    code = """@Service
class Settings {
    public Config load() {
        return configRepository.findById("main").block();
    }
}
"""
    assert _spans(code, "src/main/java/com/acme/Settings.java") == []


@pytest.mark.parametrize("signature", [
    "public Mono<ServerResponse> get(ServerRequest request) {",
    "public Flux<Product> list() {",
])
def test_any_block_inside_a_reactive_handler_is_reported(signature: str) -> None:
    code = f"""@Component
class ProductHandler {{
    {signature}
        Inventory stock = inventory.findBySku("x").block(Duration.ofSeconds(1));
        return products.all();
    }}
}}
"""
    assert _spans(code, "src/main/java/com/acme/ProductHandler.java") == [(4, None)]


def test_a_hunk_inside_a_handler_named_by_its_header_is_reported() -> None:
    diff = """diff --git a/src/main/java/com/acme/web/ProductHandler.java b/src/main/java/com/acme/web/ProductHandler.java
--- a/src/main/java/com/acme/web/ProductHandler.java
+++ b/src/main/java/com/acme/web/ProductHandler.java
@@ -38,2 +38,7 @@ public Mono<ServerResponse> get(ServerRequest request) {
         String id = request.pathVariable("id");
+        Inventory stock = inventoryClient.get()
+                .uri("/stock/{id}", id)
+                .retrieve()
+                .bodyToMono(Inventory.class)
+                .block();
         return products.findById(id)
"""
    contexts = [build_context(f) for f in parse_diff(diff)]
    assert [(f.line, f.end_line) for f in run_checks(contexts).findings if f.rule_id == RULE] == [(39, 43)]


_REACTIVE_SERVICE = """@Component
class InvoiceHandler {
    private final JdbcTemplate jdbcTemplate;
    private final RestTemplate restTemplate;

    public Mono<ServerResponse> show(ServerRequest request) {
        return invoices.findById(request.pathVariable("id"))
                .map(invoice -> {
                    String holder = jdbcTemplate.queryForObject(
                            "SELECT holder FROM legacy_accounts WHERE id = ?", String.class, invoice.accountId());
                    return invoice.withHolder(holder);
                })
                .flatMap(view -> ServerResponse.ok().bodyValue(view));
    }

    public Flux<Rate> rates(String currency) {
        Rate[] rates = restTemplate.getForObject("/rates/{c}", Rate[].class, currency);
        return Flux.fromArray(rates);
    }

    public Mono<Stock> stock(long id) {
        return Mono.fromCallable(() -> jdbcTemplate.queryForObject("SELECT n FROM stock WHERE id = ?",
                        Stock.class, id))
                .subscribeOn(Schedulers.boundedElastic());
    }

    public Stock blockingStock(long id) {
        return jdbcTemplate.queryForObject("SELECT n FROM stock WHERE id = ?", Stock.class, id);
    }
}
"""


def test_jdbc_and_rest_template_calls_in_reactive_methods_are_reported() -> None:
    assert [line for line, _end in _spans(_REACTIVE_SERVICE)] == [9, 17]


def test_a_blocking_call_in_a_hunk_that_cuts_the_method_is_read_from_its_signature() -> None:
    diff = (
        "diff --git a/src/main/java/com/acme/InvoiceHandler.java b/src/main/java/com/acme/InvoiceHandler.java\n"
        "--- a/src/main/java/com/acme/InvoiceHandler.java\n"
        "+++ b/src/main/java/com/acme/InvoiceHandler.java\n"
        "@@ -10,4 +10,8 @@ class InvoiceHandler {\n"
        "     public Mono<ServerResponse> show(ServerRequest request) {\n"
        "         return invoices.findById(request.pathVariable(\"id\"))\n"
        "+                .map(invoice -> {\n"
        "+                    String holder = jdbcTemplate.queryForObject(SQL, String.class, invoice.accountId());\n"
        "+                    return invoice.withHolder(holder);\n"
        "+                })\n"
        "                 .flatMap(view -> ServerResponse.ok().bodyValue(view))\n"
        "                 .switchIfEmpty(ServerResponse.notFound().build());\n"
    )
    ctx = build_context(parse_diff(diff).files[0])
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [13]
