"""Retry loops that retry immediately, without backoff (any language)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import brace_block, lines_of, python_block, python_block_closed
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LANGS = frozenset({"python", "javascript", "typescript", "go", "java"})
_RETRY_WORD = (
    r"(?:(?<![A-Za-z])(?:attempts?|retr(?:y|ies)|tries|max_?tries|max_?retries)"
    r"|(?-i:(?<=[a-z])(?:Attempts?|Retr(?:y|ies)|Tries)))"
)
"""A retry word at the start of a name or of one of its camelCase or snake_case parts (`attempt`,
`maxRetries`, `MAX_RETRIES`), not inside another word (`entries`, `countries`)."""
_PY_LOOP = lazy_re(
    rf"^\s*(?:for\s+\w*{_RETRY_WORD}\w*\s+in\b|for\s+\w+\s+in\s+range\([^)]*{_RETRY_WORD}|"
    rf"while\b[^:]*{_RETRY_WORD})",
    re.IGNORECASE,
)
_BRACE_LOOP = lazy_re(rf"^\s*(?:for|while)\b[^{{]*{_RETRY_WORD}", re.IGNORECASE)
_WHOLE_RETRY_WORD = (
    r"(?:(?<![A-Za-z])(?:[aA]ttempts?|[rR]etr(?:y|ies)|[tT]ries|ATTEMPTS?|RETR(?:Y|IES)|TRIES)"
    r"|(?<=[a-z0-9])(?:Attempts?|Retr(?:y|ies)|Tries))"
)
_GO_LOOP = lazy_re(rf"^\s*for\b[^{{]*{_WHOLE_RETRY_WORD}")
"""A Go loop whose header names attempts or retries as a word of an identifier (`maxRetries`,
`retryCount`, `attempts`), not inside another word: `for _, e := range entries` and `registries` hold
`tries` and are no retry loops."""
_HANDLES_FAILURE = lazy_re(
    r"\bexcept\b|\bcatch\b|\berr\s*[!=]=\s*nil\b|\.ok\b|\bstatus(?:_code)?\s*[!=<>]"
)
_WAITS = lazy_re(
    r"(?i)sleep|backoff|delay|wait|setTimeout|jitter|retry_after|retryAfter|ticker|time\.After"
)


@register(
    CheckSpec(
        id="ANY-RETRY-NO-BACKOFF",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_LANGS,
        title="Retry loop without backoff",
        explanation=(
            "Retrying immediately turns one slow or failing dependency into a burst of requests from every "
            "client at once, which keeps it down longer. Wait between attempts with exponential backoff and "
            "jitter (e.g. tenacity, backoff, cenkalti/backoff, resilience4j), cap the attempts, and only "
            "retry idempotent operations."
        ),
    ),
    folded=("attempt", "retr", "tries"),  # every retry word holds one
)
def retry_without_backoff(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    python = ctx.language == "python"
    for no, _code, bare in lines_of(lexed):
        if python:
            if not _PY_LOOP.match(bare):
                continue
            body_lines = python_block(lexed, no)
            if not python_block_closed(lexed, no, body_lines):
                continue
            body = "\n".join(lexed.code[n] for n in body_lines)
            last = body_lines[-1] if body_lines else no
        else:
            if not (_GO_LOOP if ctx.language == "go" else _BRACE_LOOP).match(bare):
                continue
            block = brace_block(lexed, no, 0)
            if block is None or not block.closed:
                continue
            body, last = block.code, block.last
        if _HANDLES_FAILURE.search(body) and not _WAITS.search(body):
            yield Hit(no, last)
