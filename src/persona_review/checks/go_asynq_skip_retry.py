"""Go (asynq): every failure of a network call marked `asynq.SkipRetry`, so transient ones are never retried.

    if err := p.provider.Send(ctx, msg.ID, msg.To, msg.Body); err != nil {
        return fmt.Errorf("send sms %s: %v: %w", msg.ID, err, asynq.SkipRetry)   // a timeout, a 503, ...
    }

Wrapping `asynq.SkipRetry` tells asynq the task can never succeed: it goes straight to the archive. That
is right for a payload that does not decode or a request the provider rejects for good, and wrong for a
call over the network, whose usual failures (a timeout, a dropped connection, a 5xx, a rate limit) pass
on the next try. Reported on the `SkipRetry` when it sits directly in the error branch of a call given a
context (`Send(ctx, ...)`, the sign of I/O), with no test of which error it is (`errors.Is`, `errors.As`,
a status or code, a permanent/temporary predicate) in that branch. Left alone: decode and validation
errors (no context), a branch that tells error kinds apart, and tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ERR_IF = lazy_re(r"^\s*if\s+(?:(?P<init>[\w\s,]*\berr\s*:?=\s*(?P<call>.+?));\s*)?err\s*!=\s*nil\s*\{\s*$")
_ASSIGNED_ERR = lazy_re(r"^\s*[\w\s,]*\berr\s*:?=\s*(?P<call>.+)$")
_CTX_CALL = lazy_re(r"[\w.]+\s*\(\s*(?:ctx|c\.Request\(\)\.Context\(\)|context\.\w+\(\)|\w*[cC]tx)\s*[,)]")
"""A call whose first argument is a context: it does I/O that can time out or be cancelled."""
_KIND_TEST = lazy_re(
    r"\berrors\.(?:Is|As)\s*\(|\bstatus\.(?:Code|FromError)\s*\(|\.(?:StatusCode|Code|HTTPStatusCode)\b"
    r"|(?i:permanent|temporary|transient|retryable|timeout)\w*\s*\(|\bswitch\b|==\s*\w*Err\w*"
)
_SKIP = lazy_re(r"\basynq\.SkipRetry\b")


@register(
    CheckSpec(
        id="GO-ASYNQ-SKIPRETRY-TRANSIENT",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Network failure marked `asynq.SkipRetry`",
        explanation=(
            "`asynq.SkipRetry` archives the task at once. Wrapped around every error of a network call, "
            "it turns a timeout, a dropped connection or a 5xx, which would pass on the next try, into a "
            "task lost for good. Skip retries only for errors known to be permanent (`errors.Is(err, "
            "ErrInvalidNumber)`, a 4xx the provider documents as final) and return the others as they are; "
            "use a task ID or an idempotency key if a retry must not repeat a delivery."
        ),
    ),
    needs=("SkipRetry",),
)
def asynq_skip_retry_transient(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        found = _ERR_IF.match(bare)
        if found is None:
            continue
        call = found.group("call") if found.group("init") else _previous_assignment(lexed, no)
        if call is None or _CTX_CALL.search(call) is None:
            continue
        block = brace_block(lexed, no, bare.rfind("{"))
        if block is None or not block.closed:
            continue
        lines = range(no + 1, block.last)
        if any(_KIND_TEST.search(lexed.bare.get(n, "")) for n in lines):
            continue
        depth = 0
        for n in lines:
            text = lexed.bare.get(n, "")
            if depth == 0 and _SKIP.search(text) and (n in ctx.added or no in ctx.added):
                callee = re.match(r"[\w.]+", call.strip())
                yield Hit(n, None, message=(
                    f"Every error of `{callee.group(0) if callee else 'the call'}(...)` is marked "
                    "`asynq.SkipRetry`: a timeout or a 5xx that would pass on the next try archives the task "
                    "for good. Skip retries only for errors known to be permanent and return the others."))
                break
            depth += text.count("{") - text.count("}")


def _previous_assignment(lexed: Lexed, no: int) -> str | None:
    """The call whose error `if err != nil {` on line `no` tests: the assignment on the line above."""
    line = no - 1
    while line in lexed.bare and no - line <= 2:
        text = lexed.bare[line]
        if text.strip():
            found = _ASSIGNED_ERR.match(text)
            return found.group("call") if found else None
        line -= 1
    return None
