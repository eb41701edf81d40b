"""A queue message acknowledged although its processing failed: the ack in a `finally`, in an error handler,
or after a handler that only logged the error.

    @KafkaListener(topics = "shipments")
    void onShipment(ConsumerRecord<String, Event> record, Acknowledgment ack) {
        try {
            projection.apply(record.value());
        } finally {
            ack.acknowledge();      // runs when apply() throws too: the offset moves on, the event is gone
        }
    }

An ack (an offset commit) tells the broker the message is done with; it is not delivered again. When the
code acks on the failure path as well, a transient failure (the database down for a minute) drops every
message that arrives meanwhile, with nothing but a log line to show for it. On failure, nack/reject the
message (it is redelivered), send it to a dead-letter queue, or rethrow and let the container's error
handler decide.

Reads the lines around each ack (the acks of ANY-ACK-BEFORE-PROCESS, in Java, JavaScript/TypeScript, Go,
Python and Ruby) by indentation:
  - the ack is in a `finally`/`ensure` block (or a promise's `.finally(...)`) of a `try` whose handlers
    neither nack, reject nor dead-letter the message, and no `if` around the ack decides;
  - the ack is in a `catch`/`except`/`rescue` handler (or a Go `if err != nil` branch) that does not
    rethrow, nack, reject or dead-letter;
  - the ack follows, in the same block, a handler (`catch`, `except`, `rescue`, Go `if err != nil {`) that
    only logs: it neither leaves (return, continue, throw), nor nacks;
  - Go: `defer msg.Ack()` in a function that checks errors and never naks.
Quiet when the error handled is a message that cannot be read or was handled before (JSON, parse, decode,
validation, duplicate, already-settled, not found errors: dropping such a message is a choice) or a
shutdown (an interrupt, a cancellation: the offsets of the work done are committed on the way out), and in
tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.ack_before_process import _ACK_WORDS, _ACKS
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|Test|Tests|\.test|\.spec)\.\w+$"
    r"|(?:^|/)test_[^/]*\.py$"
)
_FINALLY = lazy_re(r"^\s*(?:\}\s*)?(?:finally|ensure)\b|\.finally\s*\(")
_HANDLER = lazy_re(r"^\s*(?:\}\s*)?(?:catch|except|rescue)\b(?P<types>.*)$")
_GO_FAILED = lazy_re(r"^\s*(?:\}\s*else\s+)?if\b(?P<cond>.*\berr\w*\s*!=\s*nil\b.*)\{\s*$")
_CONDITIONAL = lazy_re(r"^\s*(?:\}\s*)?(?:if|else|elif|elsif|unless|switch|case|when|select)\b|\?\s*$")
_FUNCTION = lazy_re(
    r"^\s*(?:async\s+)?def\s|\bfunc\b|\bfunction\b|[=-]>\s*\{?\s*$|^\s*class\s|\bdo\s*(?:\|[^|]*\|)?\s*$"
    r"|^\s*(?:public|private|protected|static|final|void|[\w<>\[\],\s]+)\s+\w+\s*\([^;]*\)\s*"
    r"(?:throws\s+[\w.,\s]+)?\{\s*$"
)
_TRY = lazy_re(r"^\s*(?:try|begin)\b")
_BLOCK_STATEMENT = lazy_re(
    r"^\s*(?:\}\s*)?(?:for|while|do|synchronized|try|with|loop|async\s+(?:for|with))\b"
)
"""A loop, a `try` or a `with` around the ack: the climb goes on through it."""
_CLOSE_ONLY = lazy_re(r"^\s*[})\]]+\s*[);,]*\s*$|^\s*end\s*$")
_POISON = lazy_re(
    r"(?i)json|pars|serializ|decod|unmarshal|format|valid|duplicate|conver|notfound|not_found|doesnotexist|"
    r"malformed|schema|keyerror|valueerror|typeerror|unicode|poison|nosuch|illegalargument|unprocessable"
    r"|keyboardinterrupt|cancel|systemexit|shutdown|interrupt|wakeup|already|settled|exists"
)
_DEALT_WITH = lazy_re(
    r"(?i)n(?:ac?k)\w*\s*\(|\breject|\bdead|\bdlq|\bdlt\b|parking|requeue|republish|\bretry|\bredeliver"
    r"|\.term\s*\(|(?-i:\.(?:send|publish|produce|Publish|Produce|Send)\w*\s*\()|\bfail\w*\s*\(|\w+Fail\w*\s*\("
    r"|\bstore\w*\s*\(|\bsave\w*\s*\("
)
"""A failure path that does something with the message: nack, reject, dead-letter, republish, record it."""
_LEAVES = lazy_re(
    r"(?m)^\s*(?:return|continue|break|raise|throw|panic|next|redo|retry|os\.Exit|log\.Fatal)\b|\bthrow\b"
    r"|\braise\b|\bpanic\s*\(|\blog\.Fatal|\.Fatal\w*\s*\("
)
_RETHROWS = lazy_re(r"(?m)\bthrow\b|^\s*raise\b|\bpanic\s*\(")
_LOGS = lazy_re(
    r"(?i)\b(?:log|logger|logging|_log|slog|zap|console|print\w*|sentry|capture_?exception|span)\b"
    r"|\.(?:error|warn|warning|exception|info|debug|errorf|warnf|printf|println)\s*\("
)
_RECEIVE = lazy_re(
    r"\.(?:Next|Fetch\w*|Receive|Recv|ReadMessage|Messages|Consume|Poll|Subscribe\w*|Pull\w*)\s*\("
)
"""The error of receiving the message (it.Next(), reader.FetchMessage()): no message was processed yet."""
_DEFER = lazy_re(r"^\s*defer\b")
_GO_ERR_CHECK = lazy_re(r"\berr\w*\s*!=\s*nil\b")
_GO_NAKS = lazy_re(r"\.(?:Nak|NakWithDelay|Term|Nack|Reject|InProgress)\s*\(")
_LOOK = 120
_SKIP_STATEMENTS = 2
"""How many plain statements (a metric, a log line) may stand between a swallowing handler and the ack."""


@register(
    CheckSpec(
        id="ANY-ACK-ON-FAILURE",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go", "java", "ruby"}),
        title="Message acknowledged although its processing failed",
        explanation=(
            "An ack (or offset commit) on the failure path tells the broker the message is done, so it is "
            "never delivered again: a passing outage silently drops every message it touches. On failure, "
            "nack or reject the message, send it to a dead-letter queue, or rethrow and let the consumer's "
            "error handler decide; ack only after the work succeeded."
        ),
    ),
    needs=(*_ACK_WORDS, "acknowledge", "Offset", "commit"),  # every ack `_ACKS` knows, Karafka's too
)
def ack_on_failure(ctx: FileContext) -> Iterator[Hit]:
    pattern = _ACKS.get(ctx.language)
    if pattern is None or _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        call = pattern.search(bare)
        if call is None:
            continue
        found = _why(ctx, lexed, no, call.start())
        if found is None:
            continue
        why, construct = found
        line = no if no in ctx.added else construct
        if line not in ctx.added:
            # The handler's body is new (its `return` made a log line): the change is what swallows it.
            line = next((n for n in range(construct + 1, no)
                         if n in ctx.added and lexed.bare.get(n, "").strip()), line)
        if line not in ctx.added:
            continue  # neither the ack nor what makes it run on failure is new
        name = bare[call.start():call.end()].rstrip("( ").strip()
        where = "" if line == no else f" (line {no})"
        yield Hit(line, message=f"`{name}(...)`{where} {why}")


def _why(ctx: FileContext, lexed: Lexed, no: int, column: int) -> tuple[str, int] | None:
    """Why the ack on line `no` runs when the processing failed, or None when it does not (as far as the
    known lines show)."""
    if ctx.language == "go" and _DEFER.match(lexed.bare[no]):
        return _go_deferred(ctx, lexed, no)
    inside = _inside_handler(lexed, no, column)
    if inside is not None:
        return inside
    return _after_swallowed(ctx, lexed, no)


def _inside_handler(lexed: Lexed, no: int, column: int) -> tuple[str, int] | None:
    """The ack is in a `finally` or in an error handler (or a Go `if err != nil` branch) that lets the
    failure go."""
    bare = lexed.bare[no]
    promise = bare.find(".finally(")
    if 0 <= promise < column:
        return ("runs in a promise's `.finally(...)`, so the message is acknowledged when the processing "
                "failed too and is never redelivered. Ack on success; on failure nack or dead-letter it.", no)
    indent = indent_of(bare)
    conditional = False
    for line in range(no - 1, max(0, no - _LOOK), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip() or indent_of(text) >= indent:
            continue
        indent = indent_of(text)
        if _FINALLY.search(text):
            if conditional or _handlers_deal(lexed, line):
                return None
            return ("runs in a `finally`, so the message is acknowledged when the processing failed too and "
                    "is never redelivered. Ack on success; on failure nack/reject it, dead-letter it, or "
                    "rethrow without acking.", line)
        handler = _HANDLER.match(text)
        if handler is not None:
            if conditional or _POISON.search(handler.group("types")):
                return None
            body = _body(lexed, line)
            if body is None or _DEALT_WITH.search(body) or _RETHROWS.search(body):
                return None
            return (f"runs in the error handler on line {line}, which does not rethrow: the failed message "
                    "is acknowledged and never redelivered. Nack/reject it or send it to a dead-letter queue "
                    "(or rethrow), unless the failure means the message itself is bad.", line)
        failed = _GO_FAILED.match(text)
        if failed is not None:
            if conditional or _poison_error(lexed, line, failed.group("cond")):
                return None
            body = _body(lexed, line)
            if body is None or _DEALT_WITH.search(body):
                return None
            return (f"runs in the `err != nil` branch on line {line}: the message whose processing failed is "
                    "acknowledged and never redelivered. `Nak()` it (or `Term()` a message that can never "
                    "succeed), or dead-letter it.", line)
        if _FUNCTION.search(text) and not _CONDITIONAL.match(text) and not _BLOCK_STATEMENT.match(text):
            return None
        if _CONDITIONAL.match(text):
            conditional = True
    return None


def _after_swallowed(ctx: FileContext, lexed: Lexed, no: int) -> tuple[str, int] | None:
    """The ack follows, in the same block, a handler that only logged the failure."""
    indent = indent_of(lexed.bare[no])
    skipped = 0
    closer: int | None = None
    for line in range(no - 1, max(0, no - _LOOK), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip():
            continue
        depth = indent_of(text)
        if depth < indent:
            return None
        if depth > indent:
            continue
        if closer is None and _CLOSE_ONLY.match(text) and ctx.language != "python":
            closer = line
            continue
        handler = _HANDLER.match(text)
        failed = _GO_FAILED.match(text) if ctx.language == "go" else None
        if handler is None and failed is None:
            opens = text.rstrip().endswith((":", "{")) or _TRY.match(text) is not None
            if closer is not None or skipped >= _SKIP_STATEMENTS or opens or _LEAVES.search(text):
                return None
            skipped += 1
            continue
        end = closer if closer is not None else no
        body = "\n".join(lexed.bare.get(n, "") for n in range(line + 1, end))
        if handler is not None:
            if _POISON.search(handler.group("types")):
                return None
        elif failed is not None and (_poison_error(lexed, line, failed.group("cond")) or " else " in text):
            return None
        if _LEAVES.search(body) or _DEALT_WITH.search(body) or (not _LOGS.search(body) and body.strip()):
            return None
        return (f"follows the handler on line {line}, which only logs the failure: the message is "
                "acknowledged whether or not it was processed, and a failed one is never redelivered. "
                "On failure nack/reject it or dead-letter it (or return/rethrow before the ack).", line)
    return None


def _go_deferred(ctx: FileContext, lexed: Lexed, no: int) -> tuple[str, int] | None:
    """`defer msg.Ack()` in a function that checks errors and never naks: every failure is acked."""
    for block in blocks_of(ctx).enclosing(no):
        if "func" not in block.header:
            continue
        rest = "\n".join(lexed.bare.get(n, "") for n in range(no + 1, block.last + 1))
        whole = "\n".join(lexed.bare.get(n, "") for n in range(block.first, block.last + 1))
        if not _GO_ERR_CHECK.search(rest) or _GO_NAKS.search(whole) or _DEALT_WITH.search(rest):
            return None
        return ("is deferred, so it runs on every return, the error returns included: a message whose "
                "processing failed is acknowledged and never redelivered. Ack on success and `Nak()` "
                "(or `Term()`) on failure.", no)
    return None


def _handlers_deal(lexed: Lexed, finally_line: int) -> bool:
    """Do the handlers of the `try` whose `finally` is on `finally_line` nack, reject or dead-letter? True
    as well when the `try` is not among the known lines (its handlers are unknown)."""
    indent = indent_of(lexed.bare[finally_line])
    texts: list[str] = []
    for line in range(finally_line - 1, max(0, finally_line - _LOOK), -1):
        text = lexed.bare.get(line)
        if text is None:
            return True
        if text.strip() and indent_of(text) <= indent:
            if indent_of(text) < indent:
                return True
            if _TRY.match(text):
                return bool(_DEALT_WITH.search("\n".join(texts)))
            if _HANDLER.match(text):
                texts.append(text)
                texts.extend(lexed.bare.get(n, "") for n in range(line + 1, finally_line))
                finally_line = line
    return True


def _body(lexed: Lexed, header: int) -> str | None:
    """The lines indented under `header`, to the first line back at its indentation or less; None when the
    known lines end first (the rest of the body, a rethrow or a nack, may be out of view)."""
    indent = indent_of(lexed.bare[header])
    out: list[str] = []
    for line in range(header + 1, header + _LOOK):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if text.strip() and indent_of(text) <= indent:
            return "\n".join(out)
        out.append(text)
    return None


def _poison_error(lexed: Lexed, if_line: int, condition: str) -> bool:
    """Does the error checked on `if_line` come from reading the message (decode, unmarshal, validate)?"""
    if ":=" in condition or "=" in condition.split("!=", maxsplit=1)[0]:
        return _reads_message(lexed.code.get(if_line, ""))
    for line in range(if_line - 1, max(0, if_line - 4), -1):
        text = lexed.code.get(line, "")
        if re.search(r"\berr\w*\s*:?=", text):
            return _reads_message(text)
    return False


def _reads_message(text: str) -> bool:
    """Does the statement decode, validate or receive the message (rather than process it)?"""
    return bool(_POISON.search(text) or _RECEIVE.search(text))
