"""Go: a queue handler whose returned error is its ack, logging a failure of its work and returning nil.

    func (h *CaptureHandler) Handle(msg *message.Message) error {          // watermill
        ...
        if err := h.ledger.PostCapture(msg.Context(), evt); err != nil {
            h.log.Error("post capture to ledger", err, nil)            // only logged ...
        }
        return nil                                                      // ... and the message is acked
    }

For watermill handlers, asynq and machinery tasks, and river workers the returned error is the verdict on
the message: nil acks it (or marks the task done), an error nacks it and it is retried. A handler that
logs the failure of the work it exists for and then returns nil throws the message away: one database
blip loses every message that arrives meanwhile, and only a log line remembers them.

Reported on the `if err != nil` branch, in a function that takes such a message or task and returns
`error`, when the branch only logs or counts (its only `return` a final `return nil`), and the function's
remaining returns are `return nil`. Quiet when the failed call is side work (a cache, a metric, an audit
event). Quiet when the error is about reading the message (decoding, parsing, validation: dropping
an unreadable message is a choice) or already-done work (duplicate, conflict, not found).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import brace_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.failure_marked_done import SIDE_WORK
from persona_review.checks.go_error_answered_ok import LOG_ONLY
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ACKED_BY_RESULT = lazy_re(r"^\*(?:message\.Message|asynq\.Task|tasks\.Signature|river\.Job\[[^\]]*\])$")
"""Parameter types of handlers whose `error` result is the ack: watermill, asynq, machinery, river."""
_RETURNS_ERROR = lazy_re(r"\)\s*error\s*\{?\s*$")
_IF_ERR = lazy_re(r"^\s*if\s+(?:(?P<init>[^;{]*);\s*)?(?P<err>\w*[eE]rr\w*)\s*!=\s*nil\s*\{\s*$")
_NOTE = lazy_re(
    r"^\s*[\w.]+\.(?:Inc|Add|Observe|Record\w*)\s*\(|^\s*[})]+\s*$|^\s*$|^\s*\"[^\"]*\"\s*[,)]"
    r"|^\s*[\w.]+\s*:\s*[^,]+,\s*$|^\s*[\w.]+\s*[,)]\s*$|^\s*\w+\.LogFields\s*\{")
"""Besides a log call (`LOG_ONLY`): a metric bumped, or a line of a multi-line log call's arguments."""
_READING = lazy_re(
    r"(?i)unmarshal|decode|parse|valid|malformed|schema|duplicate|already|conflict|notfound|not_found|"
    r"ErrNoRows|exists")
"""An error about the message itself or about work done before: dropping the message is a choice."""
_RETURN = lazy_re(r"^\s*return\b(?P<rest>.*)$")
_RETURN_NIL = lazy_re(r"^\s*return\s+nil\s*$")


@register(
    CheckSpec(
        id="GO-QUEUE-HANDLER-FAILURE-SWALLOWED",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Queue handler logs its failure and returns nil: the message is acked and lost",
        explanation=(
            "The handler's returned error is the broker's verdict (watermill, asynq, river, machinery): nil "
            "acknowledges the message or completes the task, an error makes it retried. Logging the failure "
            "and returning nil drops the message for good. Return the error (wrapped), or send the message "
            "to a dead-letter queue deliberately and say so."
        ),
    ),
    needs=("message.Message", "asynq.Task", "river.Job", "tasks.Signature"),
)
def queue_handler_failure_swallowed(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for line, bare in sorted(lexed.bare.items()):
        found = _IF_ERR.match(bare)
        if found is None:
            continue
        funcs = enclosing_functions(ctx, line)
        if not funcs or not _acked_by_result(funcs[0]):
            continue
        branch = brace_block(lexed, line, bare.rfind("{"))
        if branch is None or not branch.closed:
            continue
        inside = range(branch.first + 1, branch.last)
        texts = [t for n in inside if (t := lexed.bare.get(n, "")).strip()]
        if texts and _RETURN_NIL.match(texts[-1]):
            texts.pop()  # the branch's own `return nil` acks the message just the same
        if not texts or not all(LOG_ONLY.match(t) or _NOTE.match(t) for t in texts):
            continue
        call = found.group("init") or lexed.bare.get(line - 1, "")
        if _READING.search(lexed.code.get(line, "") + "\n" + call + "\n" + lexed.code.get(line - 1, "")):
            continue
        if SIDE_WORK.search(call):
            continue  # a cache, metric or audit call beside the work: fine to drop
        after = range(branch.last + 1, funcs[0].last)
        returns = [m.group("rest").strip() for n in after if (m := _RETURN.match(lexed.bare.get(n, "")))]
        if not returns or any(rest != "nil" for rest in returns):
            continue
        if not any(n in ctx.added for n in range(line, funcs[0].last)):
            continue
        yield Hit(line, branch.last, (
            f"`{found.group('err')}` is only logged here and the handler then returns nil, which acks "
            "the message: the failed work is never retried. Return the error (wrapped) so the message "
            "is redelivered, or dead-letter it on purpose."))


def _acked_by_result(func: GoFunc) -> bool:
    """A handler (declared, a literal, or the function a hunk header names) that takes a message or task and
    returns `error`."""
    return bool(_RETURNS_ERROR.search(func.block.header.rstrip())) and any(
        _ACKED_BY_RESULT.match(typ) for typ in func.params.values())
