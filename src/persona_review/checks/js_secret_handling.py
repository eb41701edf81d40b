"""JavaScript/TypeScript checks for secrets handled badly: a secret that falls back to a literal when the
environment lacks it, a secret passed to a logger, and a secret or signature compared with `===`. Messages
name the variable, never its value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._logged_secrets import secret_log_hits
from persona_review.checks._secret_compare import JS_SYNTAX, comparison_hits
from persona_review.checks._secret_names import env_secret
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.js_error_response import caught_error_names
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})

_ENV = r"(?:process\.env|import\.meta\.env)"
_FALLBACK = lazy_re(
    rf"""{_ENV}(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'`])([A-Za-z_$][\w$]*)\2\s*\])\s*(?:\|\||\?\?)\s*"""
    r"""(["'`])((?:(?!\4)[^\\\n]|\\.)+)\4"""
)
_OPERATOR_AT_END = lazy_re(r"(?:\|\||\?\?)\s*$")
_DESTRUCTURED = lazy_re(
    rf"""\{{([^{{}}]*)\}}\s*=\s*{_ENV}\b"""
)
_DEFAULTED = lazy_re(
    r"""([A-Za-z_$][\w$]*)\s*(?::\s*[A-Za-z_$][\w$]*\s*)?=\s*(["'`])((?:(?!\2)[^\\\n]|\\.)+)\2"""
)


@register(
    CheckSpec(
        id="JS-SECRET-FALLBACK",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=_JS,
        title="Secret falls back to a literal when the variable is unset",
        explanation=(
            "When the variable is missing in production (a typo, a new deployment) the service starts with a "
            "secret that is in the repository, and tokens signed with it can be forged by anyone who reads "
            "the code. Read the variable without a default and stop at start-up when it is empty."
        ),
    )
)
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, line_code, line_bare in lines_of(lexed):
        if "env" not in line_code:
            continue
        code, bare = line_code, line_bare
        if _OPERATOR_AT_END.search(line_code) and lexed.code.get(no + 1, "").strip():
            # `process.env.X ||` with the literal on the next line (the views keep equal lengths)
            code = f"{line_code} {lexed.code[no + 1]}"
            bare = f"{line_bare} {lexed.bare[no + 1]}"
        for match in _FALLBACK.finditer(code):
            name = match.group(1) or match.group(3)
            if bare[match.start()] != " " and env_secret(name) and "${" not in match.group(5):
                yield Hit(no, None, f"`{name}` falls back to a literal in the source when it is not set.")
                break
        else:
            for match in _DESTRUCTURED.finditer(code):
                if bare[match.start()] == " ":
                    continue
                for default in _DEFAULTED.finditer(match.group(1)):
                    if env_secret(default.group(1)) and "${" not in default.group(3):
                        yield Hit(no, None, f"`{default.group(1)}` falls back to a literal in the source "
                                            "when it is not set.")
                        break


_LOG_CALL = lazy_re(
    r"(?<![\w$.])(?:console|(?:this\.)?(?:logger|log|_logger|_log|LOGGER|LOG)|(?:req|request|fastify|app|ctx)"
    r"\.log(?:ger)?)\s*\.\s*(?:log|info|warn|warning|error|debug|trace|fatal|verbose|silly)\s*\("
)
_LOG_WORDS = ("console", "log", "LOG")
"""Every match of `_LOG_CALL` holds one of these."""


@register(
    CheckSpec(
        id="JS-SECRET-IN-LOG",
        checklist_item="SEC-13",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Secret written to the log",
        explanation=(
            "Logs are shipped to many systems and read by many people; a password, token or Authorization "
            "header in them is a leaked credential. Log an identifier or a masked form (the last four "
            "characters), never the value, and configure the logger's redaction for these fields."
        ),
    )
)
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    named = set()
    for found in secret_log_hits(ctx, _LOG_CALL, templates=True, line_words=_LOG_WORDS):
        named.add(found.line)
        yield found
    yield from _carriers_logged(ctx, named)


_WHOLE_HEADERS = lazy_re(
    r"(?:(?<=\.\.\.)|(?<![\w$.]))(?:req|request|ctx(?:\.request)?)\s*\.\s*(?:headers|rawHeaders)\b"
    r"(?!\s*(?:\??\.|\[|:))"
)
"""The request's headers as a whole (`{ headers: req.headers }`, `...req.headers`), not one named header."""
_NAMES_ONLY = lazy_re(r"\bObject\s*\.\s*keys\s*\(\s*$")


def _carriers_logged(ctx: FileContext, named: set[int]) -> Iterator[Hit]:
    """Log calls given a whole that carries credentials, though no secret is named: the request's headers
    (its `Authorization` and `Cookie`), or a caught error's `config` (axios: the request as sent, with its
    auth headers)."""
    text = ctx.known_text()
    if "headers" not in text.lower() and ".config" not in text:
        return
    lexed = lex(ctx)
    errors: set[str] | None = None
    redacted = "redact" in text  # a logger configured to redact (pino's `redact`): headers are masked
    for no, _code, bare in lines_of(lexed):
        if no in named or "(" not in bare:
            continue
        for call in _LOG_CALL.finditer(bare):
            span = bracket_span(lexed, no, call.end() - 1)
            shown = ""
            for whole in _WHOLE_HEADERS.finditer(span.bare) if not redacted else ():
                if not _NAMES_ONLY.search(span.bare[: whole.start()]):
                    written = " ".join(whole.group(0).split())
                    shown = f"`{written}`, with its `Authorization` and `Cookie` headers,"
                    break
            if not shown and ".config" in span.bare:
                errors = caught_error_names(lexed) if errors is None else errors
                for name in sorted(errors):
                    config = (rf"(?:(?<=\.\.\.)|(?<![\w$.])){re.escape(name)}\s*(?:\??\.\s*response\s*)?"
                              r"\??\.\s*config\b(?!\s*\??\.\s*(?:url|method|baseURL|timeout)\b)")
                    if re.search(config, span.bare):
                        shown = (f"`{name}.config`, the outbound request as sent with its `Authorization` "
                                 "header,")
                        break
            if shown:
                yield Hit(no, span.last if span.last > no else None,
                          f"{shown} is passed to the logger: those credentials end up in the log.")
                break


@register(
    CheckSpec(
        id="JS-TIMING-COMPARE",
        checklist_item="SEC-15",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Secret or signature compared with `===`",
        explanation=(
            "`===` and `Buffer#equals` stop at the first differing character, so response times reveal how "
            "much of a guessed signature or token is right, and it can be recovered a character at a time. "
            "Compare with `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))` after checking that both "
            "have the same length (it throws otherwise; the length alone gives little away)."
        ),
    ),
    needs=JS_SYNTAX.op_words,
)
def timing_compare(ctx: FileContext) -> Iterator[Hit]:
    yield from comparison_hits(ctx, JS_SYNTAX, _COMPARED)


_COMPARED = ("{name} is compared with {other} by `{op}`, which returns sooner the fewer leading characters "
             "match.")
