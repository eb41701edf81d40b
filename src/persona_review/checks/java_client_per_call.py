"""Java: a connection pool or pooled HTTP client built inside a Spring bean's ordinary method, per call.

    @Service
    public class ReportService {
        public List<Row> rows(String tenant) {
            HikariDataSource ds = new HikariDataSource(configFor(tenant));   // a new pool on every call
            return new JdbcTemplate(ds).query(SQL, MAPPER);
        }                                                                  // ... never closed

A `HikariDataSource`, an Apache `CloseableHttpClient`, a `java.net.http.HttpClient` and an `OkHttpClient`
each own a connection pool and threads. Built per call and dropped, every call opens new connections (and
threads) that nothing closes, until the database's connection limit or the JVM's thread limit is reached.

Reported in a `@RestController`/`@Controller`/`@Service`/`@Component`/`@Repository` class or a JAX-RS
`@Path` resource, inside a method known entire that runs per call (not a constructor, initializer, lambda,
`@Bean`/`@PostConstruct` method, start-up hook such as `afterPropertiesSet`, nor `main`: the scope of
JAVA-EXECUTOR-PER-CALL), when the method neither closes the client (`close()`, try-with-resources) nor
hands it on (returns it, stores it, wraps it in an object it keeps, adds it to a collection). Tests are left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_executor_per_call import _per_call
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BEAN_CLASS = lazy_re(r"^\s*@(?:RestController|Controller|Service|Component|Repository|Path)\b", re.MULTILINE)
_MAKERS: tuple[tuple[str, str], ...] = (
    (r"new\s+(?:com\.zaxxer\.hikari\.)?HikariDataSource\s*\(", "a Hikari connection pool"),
    (r"HttpClients\s*\.\s*(?:createDefault|createSystem|createMinimal)\s*\(\s*\)", "an Apache HTTP client "
     "(its own connection pool)"),
    (r"HttpClients\s*\.\s*custom\s*\(\s*\)", "an Apache HTTP client (its own connection pool)"),
    (r"HttpClient\s*\.\s*(?:newHttpClient|newBuilder)\s*\(\s*\)", "a `java.net.http.HttpClient` (its own "
     "connection pool and selector thread)"),
    (r"new\s+OkHttpClient\s*(?:\.\s*Builder\s*)?\(\s*\)", "an `OkHttpClient` (its own connection pool and "
     "dispatcher threads)"),
)
_LOCAL = lazy_re(
    r"^\s*(?:final\s+)?(?:[\w.]+(?:<[^>]*>)?|var)\s+(?P<name>[a-z_$][\w$]*)\s*=\s*(?P<rest>.*)$"
)
_IN_TRY = lazy_re(r"^\s*try\s*\(")
_ONCE = lazy_re(
    r"\b(?:afterPropertiesSet|afterSingletonsInstantiated|init\w*|setUp|setup|start|onStartup|run|"
    r"onApplicationEvent|getObject|configure\w*|(?:create|build|new|make)\w*|\w*(?:Client|DataSource|Pool))\s*\("
)
"""Methods the container runs once (`InitializingBean`, `CommandLineRunner`, `FactoryBean`...), and
factories (`createClient()`, `tenantDataSource()`): their callers decide how long the client lives."""


@register(
    CheckSpec(
        id="JAVA-CLIENT-PER-CALL",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Connection pool or HTTP client built per call and never closed",
        explanation=(
            "A `HikariDataSource`, an Apache `CloseableHttpClient`, a `java.net.http.HttpClient` and an "
            "`OkHttpClient` each own a connection pool (and threads). Built inside a request-handling method "
            "and dropped, every call opens new connections and threads that nothing closes, until the "
            "database refuses connections or the JVM runs out of threads. Build it once (a field set in the "
            "constructor, or a `@Bean`) and reuse it, or close it in try-with-resources."
        ),
    ),
    needs=("HikariDataSource", "HttpClients", "HttpClient", "OkHttpClient"),
)
def client_per_call(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path) or not _BEAN_CLASS.search(ctx.known_text()):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "Http" not in bare and "Hikari" not in bare:
            continue
        local = _LOCAL.match(bare)
        if local is None or _IN_TRY.match(bare):
            continue
        made = next((what for pattern, what in _MAKERS if re.match(rf"\s*{pattern}", local.group("rest"))),
                    None)
        if made is None:
            continue
        block = method_block(ctx, no)
        if block is None or not _per_call(ctx, block.header, block.first) or _ONCE.search(block.header):
            continue
        body = "\n".join(lexed.bare.get(n, "") for n in range(no, block.last + 1))
        statement = body[: body.find(";") + 1] if ";" in body else body
        if _handed_on(local.group("name"), body[len(statement):]):
            continue
        yield Hit(no, message=(
            f"This builds {made} on every call of the method and never closes it: each call opens new "
            "connections and threads that outlive it, until the server's connection limit or the JVM's "
            "thread limit is reached. Build it once (a field or a `@Bean`) and reuse it."))


def _handed_on(name: str, rest: str) -> bool:
    """Whether the method closes the client `name` or hands it on (returns it, or a new object holding it;
    stores it; adds it to a collection). Wrapping it in an object the method then drops (`new
    JdbcTemplate(ds).query(...)`) hands nothing on; a wrapper kept in a variable may be."""
    n = re.escape(name)
    return bool(re.search(
        rf"\b{n}\s*\.\s*(?:close|shutdown|evictAll)\s*\("
        rf"|\.\s*(?:connectionPool|dispatcher)\s*\(\s*\)\s*\.\s*(?:evictAll|executorService)\b"
        rf"|=\s*new\s+[\w.<>]+\s*\([^;]*\b{n}\b"
        rf"|\breturn\s+{n}\s*\.\s*build\s*\("
        rf"|\breturn\s+(?:new\s+[\w.<>]+\s*\([^;]*)?\b{n}\s*\)?\s*;|=\s*{n}\s*;"
        rf"|\.\s*(?:add|put|set\w*|register\w*)\s*\([^;]*\b{n}\b|\btry\s*\((?:[^;)]*;)*\s*{n}\s*[;)]",
        rest))
