"""Retry loops that retry immediately, without backoff (any language), and Celery task retries that come back
at once (`self.retry(countdown=0)`) or without end (a task declared `max_retries=None`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, lines_of, python_block, python_block_closed, reaches
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
_WAIT_WORDS = r"sleep|backoff|delay|setTimeout|jitter|retry_after|retryAfter|ticker|time\.After"
_WAITS = lazy_re(rf"(?i){_WAIT_WORDS}|wait")
_WAITS_NOT_AWAIT = lazy_re(rf"(?i){_WAIT_WORDS}|(?<!a)wait|timer\(")
"""In a loop with no end of its own an `await` is the retried call, not a wait between attempts."""


_FOREVER = lazy_re(
    r"^\s*(?:for\s*\{|while\s*\(\s*true\s*\)\s*\{|for\s*\(\s*;\s*;\s*\)\s*\{|while\s+True\s*:)"
)
"""A loop with no end of its own: `for {`, `while (true) {`, `for (;;) {`, `while True:`."""
_RETRY_TEXT = lazy_re(r"(?i)retr(?:y|ies|ying|ied)")
"""Such a loop is a retry when its own text (a log line, a comment, a name) says so."""
_GIVES_UP = lazy_re(r"^\s*(?:raise|throw)\b|\breturn\s+(?:err|fmt\.Errorf|errors\.)", re.MULTILINE)
_LEAVES = lazy_re(r"\breturn\b|\bbreak\b")
_EVENT_LOOP = lazy_re(
    r"<-|\bselect\b|\.(?:Next|Accept|Recv|Receive|ReadMessage|FetchMessage|poll|consume|ReadLine|ReadString"
    r"|Scan|input)\s*\(|\binput\s*\(|\.get\(\s*\)"
)
"""A loop that waits on a channel, a socket, a consumer, an iterator or a queue (`q.get()`, which blocks
until an item comes) paces itself."""
_REMOTE_CALL = lazy_re(
    r"(?i)\b(?:requests|httpx|session|client|http|axios|got|ky|restTemplate|webClient)\s*\.\s*"
    r"(?:get|post|head|request|send|do|getForObject|getForEntity|exchange)\s*\(|"
    r"(?<![\w.])(?:fetch|axios|got)\s*\(|\.Do\s*\(\s*req\w*\s*\)"
)
"""An outbound HTTP request: what a status poll repeats."""
_STATE_WORD = lazy_re(r"(?i)\b\w*(?:status|state|ready|done|finished|complete|succeeded|phase)\w*\b")
_PAGING = lazy_re(
    r"(?i)\b\w*(?:page|cursor|offset|next|marker|after|token|url|since)\w*\s*(?:[+\-]?=(?!=)|:=)|"
    r"\+\+|\+=|\bcontinue\b"
)
"""A loop that moves on (a page, a cursor, the next link) is walking a list, not polling one resource."""


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
    # every retry word holds one; a status poll is a loop with no end of its own
    folded=("attempt", "retr", "tries", "while true", "while (true)", "for {", "for (;;)"),
)
def retry_without_backoff(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    python = ctx.language == "python"
    for no, code, bare in lines_of(lexed):
        if python and ".retry(" in bare:
            found = _celery_retry(lexed.code, no, code)
            if found is not None:
                message, start = found
                yield (Hit(start, no, message=message) if start is not None and reaches(ctx, start, no)
                       else Hit(no, None, message=message))
                continue
        forever = _FOREVER.match(bare) is not None
        if python:
            if not _PY_LOOP.match(bare) and not forever:
                continue
            body_lines = python_block(lexed, no)
            if not python_block_closed(lexed, no, body_lines):
                continue
            body = "\n".join(lexed.code[n] for n in body_lines)
            last = body_lines[-1] if body_lines else no
        else:
            if not (_GO_LOOP if ctx.language == "go" else _BRACE_LOOP).match(bare) and not forever:
                continue
            block = brace_block(lexed, no, 0)
            if block is None or not block.closed:
                continue
            body, last = block.code, block.last
        js = ctx.language in {"javascript", "typescript"}
        if forever and not _RETRY_TEXT.search(body) and _polls(body, js):
            if not (js and _awaits_a_waiting_helper(lexed, body)):
                yield Hit(no, last, message=(
                    "This loop asks the remote service for the same state again and again with no pause "
                    "and no limit: while the work is not done it sends requests as fast as they return, "
                    "and it never gives up. Sleep between polls (with backoff), and stop after a deadline."))
            continue
        if forever:
            # A service loop is no retry: only one that says it retries, leaves on success, gives up on no
            # error (no `raise`/`throw`: it retries every failure for ever) and waits on nothing. An
            # `await` is no wait here: the awaited call is the one retried.
            retry_like = _RETRY_TEXT.search(body) and _LEAVES.search(body) and not _EVENT_LOOP.search(body)
            if not retry_like or _GIVES_UP.search(body):
                continue
        # An `await` is no wait either way: in JavaScript it is how the retried call itself is made, so
        # only a wait word, or an awaited helper of this file that waits (`await pause()`), counts.
        waits = _WAITS_NOT_AWAIT if forever or js else _WAITS
        if _HANDLES_FAILURE.search(body) and not waits.search(body) \
                and not (js and _awaits_a_waiting_helper(lexed, body)):
            yield Hit(no, last)


def _polls(body: str, js: bool) -> bool:
    """A loop with no end of its own that sends the same HTTP request each time round (no page, cursor or
    next link moves), leaves once a status or state says so, and neither waits nor blocks on anything."""
    if not _REMOTE_CALL.search(body) or not _LEAVES.search(body):
        return False
    if _EVENT_LOOP.search(body) or (_WAITS_NOT_AWAIT if js else _WAITS).search(body):
        return False
    if _PAGING.search(body):
        return False
    leaving = [line for line in body.splitlines() if re.search(r"\b(?:if|return|break)\b", line)]
    return any(_STATE_WORD.search(line) for line in leaving)


_JS_HELPER = lazy_re(
    r"^\s*(?:(?:export\s+)?(?:async\s+)?function\s+|(?:const|let|var)\s+"
    r"|(?:(?:private|protected|public|static|async)\s+)+)(?P<name>[A-Za-z_$][\w$]*)\b"
)
_AWAITED_CALL = lazy_re(r"\bawait\s+(?:this\.)?(?P<name>[A-Za-z_$][\w$]*)\s*\(")


def _awaits_a_waiting_helper(lexed: Lexed, body: str) -> bool:
    """The loop awaits a function this file declares whose first lines wait (`const pause = () => new
    Promise((r) => setTimeout(r, delay))`)."""
    awaited = {m.group("name") for m in _AWAITED_CALL.finditer(body)}
    if not awaited:
        return False
    for no, text in lexed.code.items():
        found = _JS_HELPER.match(text)
        if found is None or found.group("name") not in awaited:
            continue
        head = "\n".join(lexed.code.get(n, "") for n in range(no, no + 4))
        if re.search(_WAIT_WORDS, head, re.IGNORECASE):
            return True
    return False


_CELERY_RETRY = lazy_re(r"(?<![\w.])(?:raise\s+)?self\.retry\s*\((?P<args>[^)]*)\)?")
_IMMEDIATE = lazy_re(r"\bcountdown\s*=\s*0(?:\.0*)?\s*[,)]?\s*$|\bcountdown\s*=\s*0(?:\.0*)?\s*,")
_TASK_DECORATOR = lazy_re(r"^\s*@[\w.]*(?:task|shared_task)\s*\(")
_UNBOUNDED = lazy_re(r"\bmax_retries\s*=\s*None\b")
_DELAYED = lazy_re(r"\b(?:retry_backoff|default_retry_delay|countdown|eta)\s*=")
_DECORATOR_LOOK_BACK = 60
_FIXED_DELAY = lazy_re(r"\bcountdown\s*=\s*\d+(?:\.\d*)?\s*(?:,|$)")
"""`countdown=10`: the same short wait before every attempt (a growing one is an expression)."""


def _celery_retry(code: dict[int, str], no: int, line: str) -> tuple[str, int | None] | None:
    """A message when the Celery `self.retry(...)` on line `no` retries at once (`countdown=0`) or, in a
    task declared `max_retries=None` (whose decorator is in the lines above), without end and without a
    growing wait; with the decorator's line when it is the one that shows the problem."""
    call = _CELERY_RETRY.search(line)
    if call is None:
        return None
    args = call.group("args")
    if _IMMEDIATE.search(args):
        return ("`self.retry(countdown=0)` retries at once: a failing dependency is hit again immediately, "
                "as often as the task allows. Give it a growing `countdown` "
                "(e.g. `2 ** self.request.retries`).", None)
    for line_no in range(no - 1, max(0, no - _DECORATOR_LOOK_BACK), -1):
        text = code.get(line_no)
        if text is None:
            return None
        if _TASK_DECORATOR.match(text):
            decorator = " ".join(code.get(n, "") for n in range(line_no, line_no + 4))
            if not _UNBOUNDED.search(decorator):
                return None
            if not _DELAYED.search(args):
                return ("The task is declared `max_retries=None`, so this retry never gives up: a permanent "
                        "failure keeps the task (and its worker slot) coming back forever. Cap `max_retries` "
                        "and back off (`retry_backoff=True` or a growing `countdown`).", line_no)
            if _FIXED_DELAY.search(args):
                return ("The task is declared `max_retries=None` and retries after the same fixed "
                        "`countdown`: a permanent failure (a bad number, a revoked key) is retried every "
                        "few seconds forever, holding a worker slot and hammering the provider. Cap "
                        "`max_retries` and let the wait grow (`countdown=2 ** self.request.retries`).",
                        line_no)
            return None
    return None
