"""Java checks that follow a problem through one step of indirection: an SQL condition built in a variable
and joined to the query later, a resource a helper returns but leaks when it throws first, a connection a
migration tool lends, a helper's `false` for failure dropped, a blocking helper called from a reactive
method, and a lookup that ignores the caller it is handed."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text
from persona_review.findings import Category

PATH = "src/main/java/com/acme/shop/ItemDao.java"


def _lines(code: str, rule: str, path: str = PATH) -> list[int]:
    outcome = run_checks([context_for_text(path, code)], enabled=opt_in_ids())
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == rule)


def _class(*body: str) -> str:
    return "package com.acme.shop;\n\npublic class ItemDao {\n" + "".join(f"    {b}\n" for b in body) + "}\n"


# --- SQL condition fragments --------------------------------------------------------------------------------

_FRAGMENT = _class(
    "public List<Item> search(String sku, String label) {",                          # 4
    "    String labelClause = label == null",                                        # 5
    '            ? ""',                                                              # 6
    "            : \" AND label LIKE '\" + label + \"%'\";",                         # 7
    '    return jdbc.query("SELECT id FROM items WHERE sku = ?" + labelClause, MAPPER, sku);',  # 8
    "}",
)


def test_a_condition_fragment_built_from_input_is_reported_where_it_is_built_and_only_there() -> None:
    assert _lines(_FRAGMENT, "JAVA-SQL-STRING") == [6]


def test_a_condition_fragment_with_a_placeholder_is_not_reported() -> None:
    code = _FRAGMENT.replace("\" AND label LIKE '\" + label + \"%'\"", '" AND label LIKE ?"')
    assert _lines(code, "JAVA-SQL-STRING") == []


def test_an_or_condition_appended_with_a_value_is_sql() -> None:
    code = _class(
        "public int count(String region) {",
        '    String where = " WHERE active = true OR region = \'" + region + "\'";',
        '    return jdbc.queryForObject("SELECT count(*) FROM shops" + where, Integer.class);',
        "}",
    )
    assert _lines(code, "JAVA-SQL-STRING") == [5]


# --- resources handed to the caller after a throw ------------------------------------------------------------

_OPEN_THEN_CHECK = _class(
    "private BufferedReader open(Path file) throws IOException {",                    # 4
    "    BufferedReader reader = Files.newBufferedReader(file);",                     # 5
    "    String first = reader.readLine();",                                          # 6
    '    if (first == null || !first.startsWith("#v2")) {',                            # 7
    '        throw new IllegalArgumentException("not a v2 file: " + file);',         # 8
    "    }",
    "    return reader;",
    "}",
)


def test_a_throw_before_the_return_that_hands_the_resource_on_leaks_it() -> None:
    assert _lines(_OPEN_THEN_CHECK, "JAVA-RESOURCE-LEAK") == [8]


def test_closing_before_the_throw_is_quiet() -> None:
    code = _OPEN_THEN_CHECK.replace("        throw new", "        reader.close();\n        throw new")
    assert _lines(code, "JAVA-RESOURCE-LEAK") == []


def test_a_try_that_closes_on_failure_is_quiet() -> None:
    code = _class(
        "private BufferedReader open(Path file) throws IOException {",
        "    BufferedReader reader = Files.newBufferedReader(file);",
        "    try {",
        '        if (reader.readLine() == null) throw new IOException("empty");',
        "    } catch (IOException e) {",
        "        reader.close();",
        "        throw e;",
        "    }",
        "    return reader;",
        "}",
    )
    assert _lines(code, "JAVA-RESOURCE-LEAK") == []


# --- connections a migration tool lends ------------------------------------------------------------------------

_FLYWAY = """package db.migration;

import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V12__Fill_codes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection conn = context.getConnection();
        try (var st = conn.prepareStatement("UPDATE shops SET code = upper(code)")) {
            st.executeUpdate();
        }
    }
}
"""


def test_the_connection_of_a_flyway_context_is_flyways_to_close() -> None:
    assert _lines(_FLYWAY, "JAVA-RESOURCE-LEAK", "src/main/java/db/migration/V12__Fill_codes.java") == []


def test_a_connection_from_a_data_source_in_the_same_shape_is_still_reported() -> None:
    code = _FLYWAY.replace("migrate(Context context)", "migrate(DataSource source)").replace(
        "context.getConnection()", "source.getConnection()")
    assert _lines(code, "JAVA-RESOURCE-LEAK", "src/main/java/db/Filler.java") == [10]


# --- a helper's false dropped ------------------------------------------------------------------------------------

def test_a_dropped_false_from_a_catch_is_reported_on_the_call_and_a_tested_one_is_not() -> None:
    code = _class(
        "private boolean publish(Item item) {",
        "    try { bus.send(item); return true; }",
        "    catch (BusException e) { log.warn(\"publish failed\", e); return false; }",
        "}",
        "public void save(Item item) {",
        "    publish(item);",                                                           # 9
        "    if (!publish(item)) { throw new IllegalStateException(); }",
        "    boolean sent = publish(item);",
        "    repo.save(item.withSent(sent));",
        "}",
    )
    assert _lines(code, "JAVA-FAILURE-RESULT-IGNORED") == [9]


def test_a_boolean_helper_without_a_failure_path_is_not_judged() -> None:
    code = _class(
        "private boolean isFresh(Item item) {",
        "    return item.age() < 10;",
        "}",
        "public void touch(Item item) {",
        "    isFresh(item);",
        "}",
    )
    assert _lines(code, "JAVA-FAILURE-RESULT-IGNORED") == []


# --- blocking helper in a reactive method ------------------------------------------------------------------------

_REACTIVE = _class(
    "private Price priceOf(String sku) {",                                             # 4
    "    return prices.get().uri(\"/p/{s}\", sku).retrieve().bodyToMono(Price.class)",
    "            .block(Duration.ofSeconds(1));",
    "}",
    "public Mono<Quote> quote(String sku) {",                                          # 8
    "    return Mono.just(sku).map(s -> new Quote(s, priceOf(s)));",                  # 9
    "}",
    "public Quote quoteNow(String sku) {",
    "    return new Quote(sku, priceOf(sku));",
    "}",
)


def test_a_blocking_helper_called_in_a_reactive_method_is_reported_on_the_call() -> None:
    assert _lines(_REACTIVE, "JAVA-REACTIVE-BLOCK") == [9]


def test_a_blocking_helper_moved_to_a_scheduler_is_quiet() -> None:
    code = _REACTIVE.replace(
        "Mono.just(sku).map(s -> new Quote(s, priceOf(s)));",
        "Mono.fromCallable(() -> new Quote(sku, priceOf(sku))).subscribeOn(Schedulers.boundedElastic());")
    assert _lines(code, "JAVA-REACTIVE-BLOCK") == []


# --- lookup ignoring the caller ------------------------------------------------------------------------------------

def test_a_lookup_by_id_that_never_reads_the_principal_is_reported() -> None:
    code = _class(
        "public Order get(@AuthenticationPrincipal Account me, Long orderId) {",
        "    Order order = orders.findById(orderId).orElseThrow();",                   # 5
        "    return order;",
        "}",
        "public Order mine(@AuthenticationPrincipal Account me, Long orderId) {",
        "    Order order = orders.findById(orderId).orElseThrow();",
        "    if (!order.ownerId().equals(me.id())) throw new NotFound();",
        "    return order;",
        "}",
    )
    assert _lines(code, "JAVA-LOOKUP-IGNORES-CALLER") == [5]


def test_a_method_reading_the_security_context_is_quiet() -> None:
    code = _class(
        "public Order get(Authentication auth, Long orderId) {",
        "    var user = SecurityContextHolder.getContext().getAuthentication();",
        "    return orders.findById(orderId).filter(o -> o.owner(user)).orElseThrow();",
        "}",
    )
    assert _lines(code, "JAVA-LOOKUP-IGNORES-CALLER") == []


def test_security_category_holds_the_new_check() -> None:
    from persona_review.checks.registry import load_all

    spec = next(s for s in load_all().specs() if s.id == "JAVA-LOOKUP-IGNORES-CALLER")
    assert spec.category is Category.SECURITY


def test_a_multi_line_query_is_one_build_reported_from_its_first_line() -> None:
    code = _class(
        "public int close(String status, long id) {",                                 # 4
        '    String sql = "UPDATE tickets SET state = \'" + status + "\'"',              # 5
        "            + \" WHERE owner = '\" + owner + \"' AND id = ?\";",                # 6
        "    return jdbc.update(sql, id);",                                            # 7
        "}",
    )
    assert _lines(code, "JAVA-SQL-STRING") == [5]  # one finding, from the build down to the call running it


def test_an_uppercase_condition_is_sql_when_a_value_is_spliced_into_it_not_when_it_is_bound() -> None:
    from persona_review.checks._sql import looks_like_sql

    assert looks_like_sql(" AND name ILIKE '%", conditions=True)
    assert looks_like_sql(" OR region = '", conditions=True)
    assert looks_like_sql(" AND status NOT IN (", conditions=True)
    assert not looks_like_sql(" AND id = ? AND state = ?", conditions=True)
    assert not looks_like_sql("Tom AND Jerry = friends", conditions=True)
    # read for Java's string building only: elsewhere a condition alone is not taken for a query
    assert not looks_like_sql(" AND name ILIKE '%")
