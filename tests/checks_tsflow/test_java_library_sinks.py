"""Java clients beyond JDBC and RestTemplate: jOOQ's plain-SQL API, Spring 6 `JdbcClient`, Jdbi handles,
WebClient/RestClient `.uri(...)`, OkHttp's `Request.Builder().url(...)` and `java.net.http` requests; each
flagged with request data and quiet with a bound value, a quoted name or a fixed host."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CONTROLLER = """package x;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.jdbi.v3.core.Handle;
import org.springframework.web.reactive.function.client.WebClient;
import okhttp3.Request;
import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.web.bind.annotation.*;

@RestController
public class ItemController {
    private DSLContext dsl;
    private JdbcClient jdbcClient;
    private Handle handle;
    private WebClient webClient;
    private DatabaseClient databaseClient;
    private io.vertx.ext.web.client.WebClient vertxClient;

    @GetMapping("/items")
    public Object list(@RequestParam String value) throws Exception {
        return BODY;
    }
}
"""


def _rules(body: str) -> set[str]:
    text = _CONTROLLER.replace("BODY", body)
    outcome = run_checks([context_for_text("src/main/java/x/ItemController.java", text)],
                         categories=(Category.SECURITY,))
    return {f.rule_id or "" for f in outcome.findings}


@pytest.mark.parametrize("body", [
    'dsl.selectFrom(DSL.table("items")).where(DSL.condition("name = \'" + value + "\'")).fetch()',
    'dsl.select(DSL.field("price * " + value)).from(DSL.table("items")).fetch()',
    'dsl.selectFrom(DSL.table(value)).fetch()',
    'dsl.fetch("select * from items where name = \'" + value + "\'")',
    'jdbcClient.sql("select * from items where name = \'" + value + "\'").query().listOfRows()',
    'handle.createUpdate("delete from items where name = \'" + value + "\'").execute()',
    'handle.select("select * from items order by " + value).mapToMap().list()',
    'databaseClient.sql("select * from items where name = \'" + value + "\'").fetch().all()',
])
def test_plain_sql_with_request_data_is_reported(body: str) -> None:
    assert "JAVA-SQL-STRING" in _rules(body)


@pytest.mark.parametrize("body", [
    'dsl.selectFrom(DSL.table("items")).where(DSL.condition("name = ?", value)).fetch()',
    'dsl.select(DSL.field(DSL.name(value))).from(DSL.table("items")).fetch()',
    'dsl.selectFrom(DSL.table("items")).where(DSL.field("name").eq(DSL.val(value))).fetch()',
    'dsl.selectFrom(DSL.table("items")).where(DSL.field("name").eq(value)).fetch()',
    'jdbcClient.sql("select * from items where name = :name").param("name", value).query().listOfRows()',
    'handle.createUpdate("delete from items where name = :name").bind("name", value).execute()',
    'databaseClient.sql("select * from items where name = :name").bind("name", value).fetch().all()',
])
def test_bound_values_and_quoted_names_are_quiet(body: str) -> None:
    assert "JAVA-SQL-STRING" not in _rules(body)


@pytest.mark.parametrize("body", [
    "webClient.get().uri(value).retrieve().bodyToMono(String.class).block()",
    "WebClient.builder().baseUrl(value).build().get().retrieve().bodyToMono(String.class).block()",
    "new Request.Builder().url(value).build()",
    "HttpRequest.newBuilder().uri(URI.create(value)).GET().build()",
    "Unirest.get(value).asString().getBody()",
    "vertxClient.getAbs(value).send()",
])
def test_outbound_request_to_request_url_is_reported(body: str) -> None:
    assert "JAVA-SSRF" in _rules(body)


@pytest.mark.parametrize("body", [
    'webClient.get().uri("/items/{id}", value).retrieve().bodyToMono(String.class).block()',
    'new Request.Builder().url("https://api.example.com/items/" + value).build()',
    'HttpRequest.newBuilder().uri(URI.create("https://api.example.com/search?q=" + value)).GET().build()',
    'DataSourceBuilder.create().url(System.getenv("DB_URL")).build()',
    'Unirest.get("https://api.example.com/items/" + value).asString().getBody()',
    'vertxClient.getAbs("https://api.example.com/items/" + value).send()',
])
def test_fixed_host_is_quiet(body: str) -> None:
    assert "JAVA-SSRF" not in _rules(body)
