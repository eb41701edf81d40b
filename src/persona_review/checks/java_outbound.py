"""Java outbound HTTP clients and requests that can wait forever: `java.net.http.HttpClient` without a
connect timeout and its requests without `.timeout(...)`, `new RestTemplate()` on the default request
factory, Apache `HttpClients.createDefault()`, and `URLConnection`s never given connect and read timeouts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})
_TEST_PATH = lazy_re(r"(?:^|/)src/(?:test|it|integrationTest)/|Tests?\.java$|IT\.java$")

_NEW_CLIENT = lazy_re(r"\bHttpClient\.newHttpClient\s*\(\s*\)")
_CLIENT_BUILDER = lazy_re(r"\bHttpClient\.newBuilder\s*\(\s*\)")
_REQUEST_BUILDER = lazy_re(r"\bHttpRequest\.newBuilder\s*\(")
_DEFAULT_REST = lazy_re(r"\bnew\s+RestTemplate\s*\(\s*\)|\bHttpClients\.createDefault\s*\(\s*\)")
_OPEN_CONNECTION = lazy_re(
    r"^\s*(?:(?:final\s+)?(?:[\w.]+\.)?(?:Http|Https)?URLConnection\s+)?(?P<var>[A-Za-z_$][\w$]*)\s*=\s*"
    r"(?:\(\s*(?:[\w.]+\.)?(?:Http|Https)?URLConnection\s*\)\s*)?(?:new\s+)?[\w.$()]+\.openConnection\s*\("
)


@register(
    CheckSpec(
        id="JAVA-HTTP-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JAVA,
        title="HTTP client or request without a timeout",
        explanation=(
            "Java's HTTP clients wait forever by default: `HttpClient` has no connect timeout and its "
            "requests none either, `new RestTemplate()` and `HttpClients.createDefault()` never time out, "
            "and a `URLConnection` blocks until the OS gives up. One slow upstream then holds a request "
            "thread per call until the pool is exhausted. Set `connectTimeout` on the client and "
            "`.timeout(...)` on each request, build `RestTemplate` with a request factory that has connect "
            "and read timeouts, and call `setConnectTimeout`/`setReadTimeout` on connections."
        ),
    ),
    needs=("HttpClient", "HttpRequest", "RestTemplate", "HttpClients", "openConnection"),
)
def http_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "Http" not in bare and "RestTemplate" not in bare and "openConnection" not in bare:
            continue
        if _NEW_CLIENT.search(bare) or _DEFAULT_REST.search(bare):
            if not (_APACHE_DEFAULT.search(bare) and _requests_configured(ctx, lexed, no)):
                yield Hit(no)
            continue
        for builder, needed in ((_CLIENT_BUILDER, "connectTimeout"), (_REQUEST_BUILDER, "timeout")):
            found = builder.search(bare)
            if found is None:
                continue
            chain = _chain(lexed.bare, no, found.start())
            if chain is None:
                continue  # the chain goes on past what is known
            last, text = chain
            if ".build()" in text and not re.search(rf"\.{needed}\s*\(", text):
                yield Hit(no, last)
        connection = _OPEN_CONNECTION.match(bare)
        if connection is not None:
            method = method_block(ctx, no)
            if method is None:
                continue
            var = re.escape(connection.group("var"))
            rest = "\n".join(lexed.bare[n] for n in range(no + 1, method.last + 1))
            bounded = rf"\b{var}\.set(?:Connect|Read)Timeout\s*\(|[(,]\s*{var}\s*[,)]|return\s+{var}\b"
            if not re.search(bounded, rest):
                yield Hit(no)


_APACHE_DEFAULT = lazy_re(r"\bHttpClients\.createDefault\s*\(")
_REQUEST_CONFIG = lazy_re(r"\.set(?:Socket|Response)Timeout\s*\(")


def _requests_configured(ctx: FileContext, lexed: Lexed, no: int) -> bool:
    """Does the method that makes an Apache default client give its requests a `RequestConfig` with a
    socket (response) timeout (`request.setConfig(config)`)? Apache's per-request config wins over the
    client's defaults, so those requests do time out."""
    method = method_block(ctx, no)
    if method is None:
        return False
    text = "\n".join(lexed.bare.get(n, "") for n in range(method.first, method.last + 1))
    return ".setConfig" in text and _REQUEST_CONFIG.search(text) is not None


def _chain(bare: dict[int, str], line: int, col: int) -> tuple[int, str] | None:
    """(last line, text) of the builder chain from (line, col) to the `;` that ends it, or None when the
    known lines end first."""
    parts = [bare[line][col:]]
    no = line
    while ";" not in parts[-1]:
        no += 1
        if no not in bare or no - line > 25:
            return None
        parts.append(bare[no])
    text = "\n".join(parts)
    return no, text[: text.rfind(";")]
