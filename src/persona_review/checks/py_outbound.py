"""Python standard-library network calls without a timeout: `urllib.request.urlopen`, `http.client`
connections, `smtplib`, `ftplib` and `socket.create_connection`, which wait as long as the OS lets them
(the socket module's default timeout is none)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_CALL = lazy_re(
    r"(?<![\w.])(?:urllib\.request\.|urllib2\.|request\.)?(?P<fn>urlopen)\s*\(|"
    r"(?<![\w.])(?:http\.client\.|httplib\.)?(?P<conn>HTTPS?Connection)\s*\(|"
    r"(?<![\w.])(?:smtplib\.)(?P<smtp>SMTP(?:_SSL)?)\s*\(|"
    r"(?<![\w.])(?:ftplib\.)(?P<ftp>FTP(?:_TLS)?)\s*\(|"
    r"(?<![\w.])socket\.(?P<sock>create_connection)\s*\("
)
_TIMEOUT_POSITION = {"fn": 2, "conn": 2, "smtp": 3, "ftp": 6, "sock": 1}
"""Where `timeout` sits among the positional arguments (urlopen(url, data, timeout), HTTPConnection(host,
port, timeout), SMTP(host, port, local_hostname, timeout), FTP(host, user, passwd, acct, timeout...),
create_connection(address, timeout))."""
_TEST_PATH = lazy_re(r"(?:^|/)(?:tests?|testing)/|(?:^|/)(?:test_[^/]*|[^/]*_test|conftest)\.py$")
_GLOBAL_DEFAULT = lazy_re(r"\bsocket\.setdefaulttimeout\s*\(\s*(?!None)")


@register(
    CheckSpec(
        id="PY-NETWORK-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Network call without a timeout",
        explanation=(
            "The standard library's network calls (`urlopen`, `http.client`, `smtplib`, `ftplib`, "
            "`socket.create_connection`) wait forever by default, so one unresponsive host parks this "
            "worker until every worker is stuck. Pass `timeout=` sized to the caller's own deadline."
        ),
    ),
    needs=("urlopen", "Connection(", "SMTP", "FTP", "create_connection"),
)
def network_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    text = ctx.known_text()
    if "setdefaulttimeout" in text and _GLOBAL_DEFAULT.search(text):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        for match in _CALL.finditer(bare):
            if re.search(r"\b(?:def|class)\s+$", bare[: match.start()]):
                continue
            span = bracket_span(lexed, no, match.end() - 1)
            if not span.closed:
                continue
            args = split_args(span)
            if any(re.match(r"\s*(?:timeout\s*=|\*)", arg) for arg in args):
                continue
            kind = next(k for k, v in match.groupdict().items() if v)
            if sum(1 for arg in args if "=" not in arg.split("(")[0]) > _TIMEOUT_POSITION[kind]:
                continue  # the timeout is given by position
            yield Hit(no, span.last)
