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

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ERR_IF = lazy_re(r"^\s*if\s+(?:(?P<init>[\w\s,]*\berr\s*:?=\s*(?P<call>.+?));\s*)?err\s*!=\s*nil\s*\{\s*$")
_ASSIGNED_ERR = lazy_re(r"^\s*[\w\s,]*\berr\s*:?=\s*(?P<call>.+)$")
_CTX_CALL = lazy_re(
    r"(?P<callee>[\w.]+)\s*\(\s*(?:ctx|c\.Request\(\)\.Context\(\)|context\.\w+\(\)|\w*[cC]tx)\s*[,)]"
)
"""A call whose first argument is a context: it does I/O that can time out or be cancelled."""
_IO_VERB = lazy_re(
    r"(?:Send|Deliver|Post|Put|Push|Publish|Call|Do|Get|Fetch|Create|Update|Upsert|Insert|Save|Exec|Query|"
    r"Charge|Refund|Capture|Upload|Download|Notify|Dispatch|Request|Invoke|Write|Store|Sync|Transfer|Pay|"
    r"Submit|Lookup|Find|Load|Read|Delete|Remove|Enqueue|Trigger|Forward|Emit|Process|Handle|Import|Export|"
    r"Transcode|Render|Generate|Resize|Scan)(?:[A-Z_]|$)"
)
"""The method does remote work (a send, a query, a write), rather than building a client (`Database(ctx)`,
`NewClient(ctx)`), whose errors are mostly configuration."""
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
        if call is None:
            continue
        given = _CTX_CALL.search(call)
        if given is None or _IO_VERB.match(given.group("callee").rsplit(".", 1)[-1]) is None:
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
                yield Hit(n, None, message=(
                    f"Every error of `{given.group('callee')}(...)` is marked "
                    "`asynq.SkipRetry`: a timeout or a 5xx that would pass on the next try archives the task "
                    "for good. Skip retries only for errors known to be permanent and return the others."))
                break
            depth += text.count("{") - text.count("}")


def _previous_assignment(lexed: Lexed, no: int) -> str | None:
    """The call whose error `if err != nil {` on line `no` tests: the assignment just above it, which may
    span lines (`ref, err = ref.Push(ctx, map[string]string{` ... `})`): then its first line, back at the
    `if`'s indentation."""
    indent = indent_of(lexed.bare[no])
    line = no - 1
    while line in lexed.bare and no - line <= 12:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent and not text.lstrip().startswith(("}", ")")):
            found = _ASSIGNED_ERR.match(text)
            return found.group("call") if found else None
        line -= 1
    return None
