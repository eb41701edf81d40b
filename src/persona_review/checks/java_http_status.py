"""Java: an HTTP response whose body is used while nothing looks at its status code.

    HttpResponse<String> resp = http.send(request, BodyHandlers.ofString());
    return mapper.readValue(resp.body(), Quote.class);     // a 503's error page is parsed as the quote

Unlike `RestTemplate` and `WebClient.retrieve()`, which raise on 4xx and 5xx answers, these hand every
answer back as if it were the data:
- `java.net.http.HttpClient.send(...)` (and `sendAsync(...).join()`/`.get()`), read with `resp.body()`;
- OkHttp's `client.newCall(request).execute()`, read with `response.body()`;
- Apache HttpClient's `client.execute(request)`, read with `response.getEntity()`;
- `WebClient...exchangeToMono(r -> r.toEntity(...))` (or the old `exchange()`), read with `.getBody()`.
Reported, from the call to the first read of the body: the following lines of the block read the body
while none looks at the status (`statusCode()`, `getStatusCode()`, `code()`, `isSuccessful()`,
`getStatusLine()`, `getCode()`, ...) or an error code of the answer's own (`errcode`: APIs that answer 200
with a verdict in the body), or hands the response on whole (`_http_status` reads the lines); and unless
the body is read as text and returned as it is (`return EntityUtils.toString(entity)`): the caller then
reads the verdict. Also reported: an `exchangeToMono`/`exchangeToFlux` whose function turns the answer
straight into its body (`r -> r.bodyToMono(Quote.class)`) without reading its status or calling
`createException()`/`createError()`; `RestClient`'s `exchange((request, response) -> ...)` whose function
reads `response.getBody()`/`bodyTo(...)` without its status; and a
`retrieve().onStatus(HttpStatusCode::isError, r -> Mono.empty())` that turns every error status back into
an answer to decode (an `onStatus` for one status, such as 404 as "absent", is left alone).
Tests and integration-test modules are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._http_status import Rules, read_end, unchecked
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TYPE = r"(?:final\s+)?(?:[\w.]+(?:\s*<[^=;]*>)?\s+)?"
_RULES = Rules(
    stored=lazy_re(
        rf"^\s*{_TYPE}(?P<name>[a-z_$][\w$]*)\s*=\s*(?P<call>"
        r"[\w$.]+\s*\.\s*send(?=\s*\([^;]*\bBodyHandlers?\b)"
        r"|[\w$.]+\s*\.\s*sendAsync(?=\s*\([^;]*\bBodyHandlers?\b[^;]*\)\s*\.\s*(?:join|get)\s*\()"
        r"|[\w$.]+\s*\.\s*newCall\s*\([^;]*\)\s*\.\s*execute(?=\s*\(\s*\))"
        r"|[\w$.]*[cC]lient\s*\.\s*execute(?=\s*\([^,;]*\)\s*;)"  # one argument: no response handler
        r"|[\w$.]+\s*\.\s*(?:get|post|put|patch|delete|head|options|method)\s*\()"
    ),
    read=r"(?<![\w$.]){name}\s*\.\s*(?:body|getBody|getEntity)\s*\(\s*\)",
    status=(
        r"(?<![\w$.]){name}\s*\.\s*(?:statusCode|getStatusCode|getStatusCodeValue|code|isSuccessful|"
        r"getStatusLine|getCode|getStatus|hasBody)\s*\("
        r"|\b(?:get)?(?:errcode|[Ee]rrCode|[Ee]rrorCode|[Ee]rrno|[Ee]rrNo)\b"  # the answer's own verdict
    ),
    decoded=r"(?P<target>(?!))",
)
_TEST_MODULE = lazy_re(r"(?:^|/)(?:[\w.-]+[-_])?(?:integrated|integration|e2e|it)[-_]?tests?(?:[-_][\w-]+)?/")
"""A module of integration tests (`shenyu-integrated-test-common/`): its helpers return error bodies on
purpose, for the tests to assert on."""
_EXCHANGE = lazy_re(r"\.\s*(?:exchangeToMono|exchangeToFlux)\s*\(|\.\s*exchange\s*\(\s*\)")
"""WebClient's exchange (not `RestTemplate.exchange(url, ...)`, which raises on error statuses)."""
_REST_CLIENT_EXCHANGE = lazy_re(
    r"\.\s*exchange\s*\(\s*\(\s*[A-Za-z_$][\w$]*\s*,\s*(?P<response>[A-Za-z_$][\w$]*)\s*\)\s*->"
)
"""Spring 6.1 `RestClient`'s `exchange((request, response) -> ...)`: it does not raise on error statuses."""
_EXCHANGE_FN = lazy_re(r"\.\s*(?P<call>exchangeToMono|exchangeToFlux)\s*\(")
_STRAIGHT_TO_BODY = lazy_re(
    r"^\(\s*\(?\s*(?P<name>[a-z_$][\w$]*)\s*\)?\s*->\s*(?P=name)\s*\.\s*(?:bodyToMono|bodyToFlux)\s*\("
)
_ON_STATUS = lazy_re(r"\.\s*onStatus\s*\(")
_SWALLOWED = lazy_re(
    r"^\(\s*[^,]*\bis(?:Error|4xxClientError|5xxServerError)\b[^,]*,\s*\(?\s*[\w$]*\s*\)?\s*->\s*"
    r"Mono\s*\.\s*empty\s*\(\s*\)\s*\)$"
)
"""`.onStatus(HttpStatusCode::isError, r -> Mono.empty())`: error answers decoded as if they were the data."""
_STATUS_READ = lazy_re(r"\b(?:statusCode|rawStatusCode|createException|createError|is\dxx\w*|isError)\b")
_STATEMENT_LINES = 15


_RAW_TEXT = r"(?:EntityUtils\s*\.\s*toString\s*\(|[\w$.]+\s*\.\s*body\s*\(\s*\)\s*\.\s*string\s*\()"
_RETURNS_RAW = lazy_re(rf"^\s*return\s+{_RAW_TEXT}")
_KEEPS_RAW = lazy_re(rf"^\s*(?:(?:final\s+)?String\s+)?(?P<name>[a-z_$][\w$]*)\s*=\s*{_RAW_TEXT}")
_RAW_WINDOW = 12


def _handed_back_raw(lexed: Lexed, read_line: int) -> bool:
    """Whether the body is read as text and returned as it is (`return EntityUtils.toString(entity)`, or
    `resp = EntityUtils.toString(entity); ... return resp;`) within a few lines of its first read: the
    caller gets the raw answer and reads its verdict there (chat and webhook APIs answer 200 with an error
    code in the body)."""
    for no in range(read_line, read_line + _RAW_WINDOW):
        text = lexed.bare.get(no, "")
        if _RETURNS_RAW.search(text):
            return True
        kept = _KEEPS_RAW.search(text)
        if kept is not None:
            back = re.compile(rf"^\s*return\s+{re.escape(kept.group('name'))}\s*;")
            return any(back.search(lexed.bare.get(later, "")) for later in range(no + 1, no + _RAW_WINDOW))
    return False


def _statement(lexed: Lexed, line: int) -> str:
    """The bare text of the statement that starts on `line`: up to the line ending in `;`."""
    parts = []
    for no in range(line, line + _STATEMENT_LINES):
        text = lexed.bare.get(no)
        if text is None:
            break
        parts.append(text)
        if text.rstrip().endswith(";"):
            break
    return "\n".join(parts)


@register(
    CheckSpec(
        id="JAVA-HTTP-STATUS-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="HTTP response body used without checking its status code",
        explanation=(
            "`HttpClient.send`, OkHttp's `execute()`, Apache HttpClient and WebClient's `exchangeToMono` "
            "return 4xx and 5xx answers like any other, so using the body as the data parses an error page "
            "or error object into the result: wrong data or a confusing failure further on, and no error "
            "where it happened. Check the status (`statusCode()`, `isSuccessful()`, "
            "`getStatusCode().is2xxSuccessful()`) before reading the body, or use `retrieve()`, which raises."
        ),
    ),
    needs=("body()", "getBody()", "getEntity()", "bodyTo(", "exchangeToMono", "exchangeToFlux", "onStatus"),
)
def http_status_unchecked(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path) or _TEST_MODULE.search(ctx.path):
        return
    lexed = lex(ctx)
    for found in unchecked(lexed, _RULES):
        call = " ".join(found.call.split())
        if not call.endswith(("send", "sendAsync", "execute")):  # a WebClient request being built
            statement = _statement(lexed, found.line)
            if not _EXCHANGE.search(statement) or _STATUS_READ.search(statement):
                continue  # `retrieve()` raises on error statuses; or the exchange function reads it
            call = "exchangeToMono" if "exchangeToMono" in statement else "exchange"
        if _handed_back_raw(lexed, found.read_line):
            continue
        yield Hit(found.line, read_end(found.line, found.read_line), message=(
            f"Line {found.read_line} uses the body of `{found.name}` from `{call}(...)`, which returns "
            f"error answers too, and nothing before it looks at the status code."))
    for no, _code, bare in lines_of(lexed):
        if "onStatus" in bare:
            for on_status in _ON_STATUS.finditer(bare):
                span = bracket_span(lexed, no, on_status.end() - 1)
                if _SWALLOWED.match(" ".join(span.bare.split())):
                    yield Hit(no, message=(
                        "`onStatus(..., r -> Mono.empty())` turns error statuses back into ordinary "
                        "answers: the error body is then decoded as the data. Raise "
                        "(`r.createException()`) or map the status to a result that says the call failed."))
        if "exchange" in bare:
            for exchange in _REST_CLIENT_EXCHANGE.finditer(bare):
                span = bracket_span(lexed, no, exchange.end() - 1)
                response = re.escape(exchange.group("response"))
                reads = re.search(rf"(?<![\w$.]){response}\s*\.\s*(?:getBody|bodyTo)\s*\(", span.bare)
                looks = re.search(rf"\b{response}\s*\.\s*getStatus\w*\(", span.bare)
                if reads and not (looks or _STATUS_READ.search(span.bare)):
                    yield Hit(no, message=(
                        "`exchange((request, response) -> ...)` hands back every answer, errors included, "
                        "and this function reads the body without looking at `response.getStatusCode()`."))
        if "exchangeTo" not in bare:
            continue
        for exchange in _EXCHANGE_FN.finditer(bare):
            span = bracket_span(lexed, no, exchange.end() - 1)
            if _STRAIGHT_TO_BODY.match(span.bare) and not _STATUS_READ.search(span.bare):
                yield Hit(no, message=(
                    f"`{exchange.group('call')}` turns every answer straight into its body: a 4xx or 5xx "
                    f"error body is decoded as the data. Check `statusCode()` first (or use `retrieve()`)."))
