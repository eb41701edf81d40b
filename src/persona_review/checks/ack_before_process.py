"""A queue message acknowledged (or its offset committed) before the work it carries is done.

    channel.consume("emails", async (msg) => {
      channel.ack(msg);                       // the broker forgets the message here
      await sendEmail(JSON.parse(msg.content)); // a crash or a throw from here on loses it
    });

Once a message is acknowledged, or its Kafka offset committed, the broker will not deliver it again: if the
processing after the ack throws, or the process dies mid-way, the message is gone. Acknowledge after the work
succeeds (at-least-once, with an idempotent handler), or say in a comment that at-most-once is the intent.

Reported on the ack when a later statement of the same block (the ack is on the straight path, not in an
early-exit branch that ends in `return`/`continue`) makes a call that can fail: an `await` (JavaScript),
a call whose error is checked (Go), any call that is not logging (Python, Java, Ruby). A change that leaves
the ack as it was and adds the work after it (the work moved below the ack) is reported on the first such
work line. Quiet when the ack is in a `finally`/`defer`, or the function says at-most-once; logging, metrics
and kafkajs's `heartbeat()` are not work.

Acks recognised: amqplib `channel.ack(msg)`, Pub/Sub and NATS `message.ack()`, kafkajs
`resolveOffset`/`commitOffsets`, SQS `DeleteMessageCommand`, `sqs.deleteMessage` and
`delete_message(..., ReceiptHandle=...)`; Go
`msg.Ack()`/`d.Ack(false)`, sarama `MarkMessage`, kafka-go `CommitMessages`; Spring Kafka
`ack.acknowledge()`, RabbitMQ `channel.basicAck`, Kafka `consumer.commitSync/commitAsync`; pika
`basic_ack`, `message.ack()`, Kafka `consumer.commit()`; Bunny `channel.ack`, Karafka `mark_as_consumed`
(manual offset management: the offset is stored as processed, so a failure after it skips the message),
ruby-kafka `consumer.mark_message_as_processed`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import in_deferred_func
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import enclosing_headers, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ACKS: dict[str, re.Pattern[str]] = {
    "python": lazy_re(
        r"\b\w*(?:message|msg)\.ack\s*\(|\.basic_ack\s*\(|\b\w*consumer\.commit\s*\("
        r"|\.delete_message\s*\(.*\bReceiptHandle\b|\.xack\s*\("
    ),
    "javascript": lazy_re(
        r"\b\w*(?:channel|Channel|ch)\.ack\s*\(|\b(?:msg|message|m)\.ack\s*\(\s*\)|\bresolveOffset\s*\("
        r"|\bcommitOffsets\s*\(|\bnew\s+DeleteMessageCommand\s*\(|\b\w*[sS]qs\w*\.deleteMessage\s*\("
        r"|\.deleteMessage\s*\(\s*\{[^}]*\bReceiptHandle\b|\.xack\s*\("
    ),
    "go": lazy_re(
        r"\b\w+\.X?Ack\s*\(|\.MarkMessage\s*\(|\.CommitMessages\s*\("
        r"|\.DeleteMessage(?:WithContext)?\s*\(\s*\w+\s*,\s*&(?:\w+\.)?DeleteMessageInput\b"
    ),
    "java": lazy_re(
        r"\b\w*(?:ack|[aA]cknowledg(?:e)?ment)\.acknowledge\s*\(|\.basicAck\s*\(|\b\w*[cC]onsumer\.commit(?:Sync|Async)"
        r"\s*\(|\b(?:message|msg)\.ack\s*\("
    ),
    "ruby": lazy_re(
        r"\b\w*(?:channel|ch)\.ack\s*\(|\.delete_message\s*\(.*\breceipt_handle:|\.xack\s*\("
        r"|(?<![\w.])mark_as_consumed!?\s*[( ]|\bconsumer\.mark_message_as_processed\s*\("
    ),
}
_ACKS["typescript"] = _ACKS["javascript"]

_ACK_WORDS = (".ack", ".Ack", "_ack", "basicAck", "onsumer.commit", "elete_message", "eleteMessage",
              "resolveOffset", "commitOffsets", "MarkMessage", "CommitMessages", "xack", "mark_as_consumed",
              "mark_message_as_processed")
"""A word every ack `_ACKS` knows holds (`.ack` for `.acknowledge`, `onsumer.commit` for either case)."""

_WORK: dict[str, re.Pattern[str]] = {
    "python": lazy_re(r"^\s*(?:[\w.,\s\[\]]+=\s*)?(?:await\s+)?(?P<callee>[A-Za-z_][\w.]*)\s*\("),
    "javascript": lazy_re(r"\bawait\s+(?P<callee>[\w.$]+)\s*\("),
    "go": lazy_re(r"(?:\berr\s*:?=\s*|^\s*if\s+(?:\w+\s*,\s*)?err\s*:?=\s*)(?P<callee>[\w.]+)\s*\("),
    "java": lazy_re(r"^\s*(?:[\w<>,\[\]\s]+=\s*)?(?P<callee>[\w.]+)\s*\("),
    "ruby": lazy_re(r"^\s*(?:\w+\s*=\s*)?(?P<callee>[\w@:]+(?:\.|::)[\w.:!?]+)(?:\s*\(|\s+\w)"),
}
_WORK["typescript"] = _WORK["javascript"]

_BENIGN_PART = lazy_re(
    r"^(?:log|logger|logging|LOG|LOGGER|log\w*|_?logger|console|print|println|printf|puts|p|pp|metrics|stats|"
    r"statsd|span|tracer|fmt|System|time|len|str|int|float|json|JSON|debug|info|warn|warning|error|trace|"
    r"Sprintf|Errorf|Println|Printf|incr|increment|observe|inc|heartbeat|if|for|while|switch|return|super|this|"
    r"xdel|XDel)$"
)
_EXIT = lazy_re(
    r"^\s*(?:\}\s*)?(?:return|continue|break|raise|throw|next|panic)\b|\b(?:return|continue|break)\b\s*;?\s*\}?\s*$"
)
_AT_MOST_ONCE = lazy_re(
    r"(?i)at[\s-]most[\s-]once|fire[\s-]and[\s-]forget|ack(?:nowledge)?\s+(?:early|first|immediately|before)"
)
_FINALLY = lazy_re(r"^\s*(?:\}\s*)?finally\b|^\s*ensure\b")
_DEFER = lazy_re(r"^\s*defer\b")
_LOOK = 60
"""How many lines after the ack are read for the work it runs ahead of."""


@register(
    CheckSpec(
        id="ANY-ACK-BEFORE-PROCESS",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go", "java", "ruby"}),
        title="Message acknowledged before its processing is done",
        explanation=(
            "After an ack (or an offset commit) the broker will not redeliver the message, so a failure or a "
            "crash in the processing that follows loses it for good. Acknowledge after the work succeeds and "
            "make the handler idempotent; if losing messages is acceptable, say at-most-once in a comment."
        ),
    ),
    needs=_ACK_WORDS,
)
def ack_before_process(ctx: FileContext) -> Iterator[Hit]:
    pattern = _ACKS.get(ctx.language)
    if pattern is None:
        return
    candidates = sorted(no for no in lines_containing(ctx.lines, _ACK_WORDS) if _near_added(ctx, no))
    if not candidates:
        return
    lexed = lex(ctx)
    reported: set[int] = set()
    for no in candidates:
        bare = lexed.bare.get(no) or ""
        found = pattern.search(bare)
        if found is None:
            continue
        if _EXIT.search(bare[found.end():]) or _deferred(ctx, lexed, no):
            continue
        work = _work_after(ctx.language, lexed, no)
        if work is None or _says_at_most_once(ctx, no, work):
            continue
        call = bare[found.start():found.end()].rstrip("( ").strip()
        if no in ctx.added:
            line, where = no, f"before the work on line {work} is done"
        elif work in ctx.added:
            # the change puts work after an ack it leaves as it was (the work moved below the ack)
            line, where = work, f"on line {no}, before the work this line adds is done"
        else:
            continue
        if line in reported:
            continue
        reported.add(line)
        yield Hit(line, message=(
            f"`{call}(...)` acknowledges the message {where}: if that fails or the process dies, the "
            "broker will not redeliver it and the message is lost. Acknowledge after the work succeeds (and "
            "make the handler idempotent), or say at-most-once in a comment if that is the intent."
        ))


def _near_added(ctx: FileContext, no: int) -> bool:
    """Is line `no` added, or close enough above an added line that the work it runs ahead of may be?"""
    return no in ctx.added or not ctx.added.isdisjoint(range(no + 1, no + _LOOK))


def _deferred(ctx: FileContext, lexed: Lexed, no: int) -> bool:
    """Is the ack in a `finally`/`ensure` or a Go `defer` (it runs after the work whatever happens)?"""
    if ctx.language == "go":
        return bool(_DEFER.match(lexed.bare[no])) or in_deferred_func(lexed, no)
    return any(_FINALLY.match(text) for _header, text in enclosing_headers(lexed, no, limit=80))


def _work_after(language: str, lexed: Lexed, no: int) -> int | None:
    """The first line after the ack, in the rest of its block, that runs work that can fail; None when the
    block ends, exits or runs out of known lines first."""
    indent = indent_of(lexed.bare[no])
    work = _WORK[language]
    for line in range(no + 1, no + _LOOK):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip():
            continue
        depth = indent_of(text)
        if depth < indent:
            return None  # the ack's block ends
        if depth == indent and _EXIT.match(text):
            return None
        if any(not _benign(called.group("callee")) for called in work.finditer(text)):
            return line
    return None


def _benign(callee: str) -> bool:
    """Is the call logging, a metric, formatting or a conversion (nothing whose failure loses the work)?"""
    parts = [part for part in re.split(r"\.|::", callee) if part]
    return not parts or any(_BENIGN_PART.match(part) for part in (parts[0], parts[-1]))


def _says_at_most_once(ctx: FileContext, ack: int, work: int) -> bool:
    """Does a comment near the ack (the 15 lines above it down to the work) choose at-most-once?"""
    return any(_AT_MOST_ONCE.search(ctx.lines.get(line, "")) for line in range(max(1, ack - 15), work + 1))
