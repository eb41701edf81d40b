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

Reported on the `if err != nil` line, in a function that takes such a message or task and returns
`error`, when the branch only logs or counts (no `return`), and the function's remaining returns are
`return nil`. Quiet when the error is about reading the message (decoding, parsing, validation: dropping
an unreadable message is a choice) or already-done work (duplicate, conflict, not found).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HANDLER = lazy_re(
    r"\bfunc\b.*\(\s*[^)]*\b\w+\s+(?:\*message\.Message|\*asynq\.Task|\*river\.Job\[[^\]]*\]|"
    r"\*tasks\.Signature)\b[^)]*\)\s*error\s*\{\s*$")
"""A handler whose `error` result is the ack: watermill, asynq, river, machinery."""
_IF_ERR = lazy_re(r"^\s*if\s+(?:(?P<init>[^;{]*);\s*)?(?P<err>\w*[eE]rr\w*)\s*!=\s*nil\s*\{\s*$")
_NOTE_ONLY = lazy_re(
    r"^\s*(?:(?:log|slog|klog|glog|logrus|zap|fmt)\.|(?:[\w.]*\.)?\w*(?:[lL]og|[lL]ogger|[lL]gr)\w*(?:\(\))?\.)"
    r"\w+\s*\(|^\s*(?:[\w.]*\.)?(?:Error|Warn|Info)\(\)|^\s*[\w.]+\.(?:Inc|Add|Observe|Record\w*)\s*\(|^\s*[})]+\s*$"
    r"|^\s*$|^\s*\"[^\"]*\"\s*[,)]|^\s*[\w.]+\s*:\s*[^,]+,\s*$|^\s*[\w.]+\s*[,)]\s*$|^\s*\w+\.LogFields\s*\{")
"""A line that only logs or bumps a metric (a multi-line log call's argument lines included)."""
_READING = lazy_re(
    r"(?i)unmarshal|decode|parse|valid|malformed|schema|duplicate|already|conflict|notfound|not_found|"
    r"ErrNoRows|exists")
"""An error about the message itself or about work done before: dropping the message is a choice."""
_RETURN = lazy_re(r"^\s*return\b(?P<rest>.*)$")


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
    for lines in _handler_bodies(ctx, lexed):
        for index, line in enumerate(lines):
            found = _IF_ERR.match(lexed.bare.get(line, ""))
            if found is None:
                continue
            branch = brace_block(lexed, line, lexed.bare[line].rfind("{"))
            if branch is None or not branch.closed:
                continue
            inside = range(branch.first + 1, branch.last)
            if not all(_NOTE_ONLY.match(lexed.bare.get(n, "")) for n in inside) or not any(
                    lexed.bare.get(n, "").strip() for n in inside):
                continue
            call = found.group("init") or lexed.bare.get(line - 1, "")
            if _READING.search(lexed.code.get(line, "") + "\n" + call + "\n" + lexed.code.get(line - 1, "")):
                continue
            after = [n for n in lines[index:] if n > branch.last]
            returns = [m.group("rest").strip() for n in after if (m := _RETURN.match(lexed.bare.get(n, "")))]
            if not returns or any(rest != "nil" for rest in returns):
                continue
            if not any(n in ctx.added for n in range(line, branch.last + 1)) and not any(
                    n in ctx.added for n in after):
                continue
            yield Hit(line, branch.last, (
                f"`{found.group('err')}` is only logged here and the handler then returns nil, which acks "
                "the message: the failed work is never retried. Return the error (wrapped) so the message "
                "is redelivered, or dead-letter it on purpose."))


def _handler_bodies(ctx: FileContext, lexed: Lexed) -> Iterator[list[int]]:
    """The body lines of each handler in view: one whose header line is known, or, in a hunk, the one its
    hunk header names (`@@ ... @@ func (h *H) Handle(msg *message.Message) error {`), read up to the
    function's closing brace at the start of a line."""
    for no, bare in sorted(lexed.bare.items()):
        if not _HANDLER.match(bare):
            continue
        body = brace_block(lexed, no, bare.rfind("{"))
        if body is not None and body.closed:
            yield list(range(body.first + 1, body.last))
    for start, section in sorted(ctx.sections.items()):
        if not _HANDLER.match(section.strip() if section.rstrip().endswith("{") else section.strip() + " {"):
            continue
        lines: list[int] = []
        no = start
        while no in lexed.bare:
            if lexed.bare[no].startswith("}"):
                yield lines
                break
            if _FUNC.match(lexed.bare[no]):
                break  # another function starts: this one's end was not in view
            lines.append(no)
            no += 1


_FUNC = lazy_re(r"^func\b")
