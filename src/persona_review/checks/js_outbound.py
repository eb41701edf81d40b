"""JavaScript/TypeScript outbound HTTP calls that can wait forever: `fetch`, axios and got without a timeout
or an abort signal.

Browser code is left out (the selection skips UI files, and a file that touches `window`/`document`,
imports a UI framework or declares `"use client"` is skipped here too): there the user can give up; in a
server a stuck call holds a request and a socket until the process is restarted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import Span, bracket_span, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})

_CALL = lazy_re(
    r"(?<![\w$.])(?P<callee>fetch|axios|got|axios\.(?P<axios>get|delete|head|options|post|put|patch|request)|"
    r"got\.(?P<got>get|post|put|patch|delete|head|stream))\s*\("
)
_BOUNDED = lazy_re(r"\b(?:timeout|signal|timeoutMs|deadline)\b")
_BROWSER = lazy_re(
    r"""^\s*["']use client["']|^\s*import\s+["']client-only["']|"""
    r"""(?<![\w$.])(?:window|document|localStorage)\.|"""
    r"""\bfrom\s+["'](?:react|react-dom|vue|svelte|@angular/core)["']""",
    re.M,
)
_GLOBAL_DEFAULT = lazy_re(r"\baxios\.defaults\.timeout\b|\bgot\.extend\s*\(")
_DEFINITION = lazy_re(r"(?:function\s+|\.|\bdef\s+|:\s*)$")
_TEST_PATH = lazy_re(r"(?:^|/)(?:__tests__|__mocks__|tests?|spec)/|\.(?:test|spec)\.[jt]sx?$")


@register(
    CheckSpec(
        id="JS-HTTP-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Outbound HTTP call without a timeout",
        explanation=(
            "`fetch` and axios wait with no overall deadline by default (axios forever; Node's fetch for "
            "minutes), so one slow upstream holds this request, its socket and its memory until the "
            "process is restarted. Pass `signal: AbortSignal.timeout(ms)` to `fetch`, and `timeout:` to "
            "axios (or set it once on `axios.create({ timeout })`) and to got."
        ),
    ),
    needs=("fetch(", "axios", "got"),
)
def http_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path) or _browser_or_bounded(ctx.known_text()):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare or ("fetch" not in bare and "axios" not in bare and "got" not in bare):
            continue
        for match in _CALL.finditer(bare):
            if _DEFINITION.search(bare[: match.start()]) or re.search(r"\bnew\s+$", bare[: match.start()]):
                continue
            span = bracket_span(lexed, no, match.end() - 1)
            if not span.closed:
                continue  # the options may be in the lines the hunk does not show
            if _declares(lexed.bare.get(span.last, ""), bare[: match.start()], span, match.end() - 1):
                continue  # a method named `fetch` being defined
            args = split_args(span)
            if not args or _bounded(match, args):
                continue
            yield Hit(no, span.last)


_BROWSER_WORDS = ("use client", "client-only", "window.", "document.", "localStorage.", "react", "vue",
                  "svelte", "@angular")


def _browser_or_bounded(text: str) -> bool:
    """Browser code, or a file that sets a default timeout for axios calls or makes its own got
    instance (the calls may go through it)."""
    if ("defaults.timeout" in text or "got.extend" in text) and _GLOBAL_DEFAULT.search(text):
        return True
    return _browser(text)


def _browser(text: str) -> bool:
    return any(word in text for word in _BROWSER_WORDS) and bool(_BROWSER.search(text))


def _declares(last_line: str, before: str, span: Span, open_col: int) -> bool:
    """`fetch(key) {` or `async fetch(key: string): Promise<T> {` at the start of a line is a method."""
    if before.split() and not set(before.split()) <= _MODIFIERS:
        return False
    tail = span.bare.rsplit("\n", 1)[-1]
    close_col = open_col + len(tail) if span.first == span.last else len(tail)
    return bool(re.match(r"\s*(?::[^={;]*)?\{", last_line[close_col:]))


_MODIFIERS = frozenset({"async", "public", "private", "protected", "static", "override"})


def _bounded(match: re.Match[str], args: list[str]) -> bool:
    """Whether the call's options set a timeout or a signal, or are not visible (a variable, a spread)."""
    callee = match.group("callee")
    if match.group("axios") in {"post", "put", "patch"}:
        options = args[2:3]
    elif callee in {"axios", "axios.request"} and len(args) == 1:
        options = args[:1]  # axios(config)
    else:
        options = args[1:2]
    if not options:
        return False
    option = options[0].strip()
    if not option.startswith("{"):
        return True  # a variable or a call: what it holds is not visible here
    return bool(_BOUNDED.search(option)) or "..." in option


_CREATE = lazy_re(r"(?<![\w$.])(?:axios|got)\.(?:create|extend)\s*\(")


@register(
    CheckSpec(
        id="JS-HTTP-CLIENT-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="HTTP client instance created without a timeout",
        explanation=(
            "Every request made through this axios/got instance inherits its settings, and without "
            "`timeout` each one can wait forever on a slow upstream, holding the caller's request and "
            "socket. Set `timeout` (in milliseconds) when creating the instance."
        ),
    ),
    needs=("axios.create", "got.extend"),
)
def client_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    text = ctx.known_text()
    if _TEST_PATH.search(ctx.path) or "defaults.timeout" in text or _browser(text):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if ".create" not in bare and ".extend" not in bare:
            continue
        for match in _CREATE.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            if not span.closed:
                continue
            args = split_args(span)
            option = args[0].strip() if args else "{}"
            if option.startswith("{") and not _BOUNDED.search(option) and "..." not in option:
                yield Hit(no, span.last)
