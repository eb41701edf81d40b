"""Java: a message listener that catches its own failure and returns normally.

    @RabbitListener(queues = "payments.settled")
    public void onSettled(PaymentSettled event) {
        try {
            receipts.send(event.accountId(), event.paymentId());
        } catch (Exception e) {
            log.error("receipt not sent for {}", event.paymentId(), e);   // the message is acked and gone
        }
    }

Spring's listener containers (`@RabbitListener`, `@KafkaListener`, `@JmsListener`, `@SqsListener`) settle a
message by how the listener method ends: a normal return acknowledges it (RabbitMQ auto-ack, Kafka's offset
commit, JMS `AUTO_ACKNOWLEDGE`), and only an exception makes the container retry it, hand it to the error
handler, or route it to the dead-letter queue. A listener that catches every failure and only logs it
turns an outage of the downstream (a mail provider, a database) into messages silently dropped: nothing
redelivers them, nothing lands in the DLQ, and the only trace is a log line.

Reported on a `catch` (of `Exception`, `RuntimeException`, `Throwable`, or a failure of the work: a remote
call's or the domain's exception) at the listener method's own level
(not inside a loop over a batch, where one item's failure may be meant to be skipped) whose block neither
rethrows, nor hands the failure on (a call given the exception that is not a logger, a `nack`/`reject`, a
send to a retry or dead-letter destination, anything named for recording a failure). Listeners that take
the `Acknowledgment` or `Channel` settle messages by hand and are the ack checks' to judge. A catch of a
bad message (`JsonProcessingException`, a parse, conversion or validation error, `IllegalArgumentException`:
a poison message that can never succeed) or of work done before (duplicate, not found) is left alone:
dropping it is often the intent; so is a `try` that only does side work (a metric, an audit event).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._catch import catches, try_of
from persona_review.checks._java_code import JAVA_TEST_PATH, catch_hands_on
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.failure_marked_done import SIDE_WORK
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LISTENER = lazy_re(r"@(?:RabbitListener|RabbitHandler|KafkaListener|KafkaHandler|JmsListener|SqsListener|"
                    r"StreamListener)\b")
_ON_MESSAGE = lazy_re(r"\bpublic\s+void\s+onMessage\s*\(\s*(?:final\s+)?(?:[\w.]+\.)?Message\s+\w+\s*[,)]")
"""A JMS or Spring AMQP `MessageListener.onMessage(Message m)`; not a WebSocket `@OnMessage` or an
in-process bus's `onMessage(DeviceMessage m)`, which no broker redelivers."""
_MANUAL_ACK = lazy_re(r"\b(?:Acknowledgment|Channel)\s+\w+")
_POISON = lazy_re(
    r"(?i)json|pars|deserial|conver|valid|format|mapping|illegalargument|notfound|nosuch|duplicate|already|"
    r"conflict|constraint|unsupported"
)
"""Caught types that say the message itself is bad (or its work done before): a drop that is often meant."""
_CALL = lazy_re(r"^\s*(?:[\w$.<>\[\]]+\s+\w+\s*=\s*)?([A-Za-z_$][\w$.]*)\s*\(")
"""The call a statement of the `try` makes (`audit.record(...)`, `Foo x = client.get(...)`)."""
_BROAD = frozenset({"Exception", "RuntimeException", "Throwable", "java.lang.Exception",
                    "java.lang.RuntimeException", "java.lang.Throwable"})
_LOOP = lazy_re(r"^\s*(?:\}\s*)?(?:for|while|do)\b|\.forEach\s*\(")
_HANDS_ON = lazy_re(
    r"\bthrow\b|\b(?:basicNack|basicReject|nack|reject|requeue)\s*\(|AmqpRejectAndDontRequeue|"
    r"ImmediateRequeue|ListenerExecutionFailed|\b\w*(?:[dD]ead[lL]etter|DLQ|Dlq|dlq|DLT|Dlt|[rR]etry)\w*|"
    r"\b(?:send|convertAndSend|publish|publishEvent)\s*\(|"
    r"\b(?:handle|fail|mark\w*Fail|record\w*(?:Error|Fail)|save\w*(?:Error|Fail))\w*\s*\(|"
    r"\bmetrics?\s*\.\s*\w+\s*\(|\b(?:increment|count)\w*(?:Drop|Fail|Error|Reject)\w*\s*\(",
)
"""What settles or records the failure another way: a rethrow, a nack or reject, a send to a retry or
dead-letter destination, a call named for handling or recording it, a metric counting dropped messages
(a deliberate drop, watched)."""
_METHOD_SIGNATURE = lazy_re(
    r"^\s*(?:(?:public|protected|private|final|synchronized)\s+)*[\w<>\[\],.?\s]+\s+\w+\s*\(")
_SIGNATURE_LOOKAHEAD = 8
"""Lines after a listener annotation within which its method's signature is read."""


@register(
    CheckSpec(
        id="JAVA-LISTENER-FAILURE-SWALLOWED",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Message listener catches its own failure: the message is acknowledged and lost",
        explanation=(
            "A Spring listener container acknowledges a message when the listener returns normally and "
            "retries it, or routes it to the dead-letter queue, only when the listener throws. Catching "
            "every failure and logging it acknowledges the message anyway: nothing redelivers it and nothing "
            "lands in the DLQ, so an outage downstream silently drops work. Rethrow (or throw "
            "`AmqpRejectAndDontRequeueException` for a message that must not be retried)."
        ),
    ),
    needs=("Listener", "Handler", "onMessage"),
)
def listener_failure_swallowed(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    bodies: list[tuple[int, int, int]] = []
    """(first line, last line, indentation of its statements) of each listener method's body."""
    for no, text in lexed.bare.items():
        if not (_LISTENER.search(text) or _ON_MESSAGE.search(text)):
            continue
        signature = no if _ON_MESSAGE.search(text) else _signature_after(lexed.bare, no)
        if signature is None:
            continue
        block = method_block(ctx, signature + 1)  # a line inside the body the signature opens
        if block is None or not signature <= block.first <= signature + 3:
            continue
        header = "\n".join(lexed.bare.get(n, "") for n in range(signature, block.first + 1))
        if _MANUAL_ACK.search(header):
            continue
        inner = next((indent_of(lexed.bare[n]) for n in range(block.first + 1, block.last)
                      if lexed.bare.get(n, "").strip()), None)
        if inner is not None:
            bodies.append((block.first, block.last, inner))
    if not bodies:
        return
    for clause in catches(lexed):
        body = next((b for b in bodies if b[0] < clause.line < b[1]), None)
        if body is None or not clause.complete:
            continue
        first, _last, inner = body
        if indent_of(lexed.bare[clause.line]) != inner or _in_loop(lexed.bare, first, clause.line, inner):
            continue
        types = {t.strip() for t in clause.types.split("|")}
        if not types & _BROAD and (not clause.types or any(_POISON.search(t) for t in types)):
            continue  # a poison message that can never succeed: dropping it is often the intent
        if _hands_on(clause.body, clause.name) or _side_work_only(lexed, clause.line):
            continue
        yield Hit(clause.line, clause.last if clause.last > clause.line else None, (
            f"`catch ({clause.types} {clause.name or ''})`".replace(" )", ")") + " ends this listener "
            "normally, so the container acknowledges the message: it is never redelivered nor dead-lettered "
            "and the work is lost. Rethrow after logging, or throw `AmqpRejectAndDontRequeueException` if it "
            "must not be retried."))


def _signature_after(bare: dict[int, str], annotation: int) -> int | None:
    """The line of the method signature an annotation on `annotation` belongs to (past further annotations
    and the annotation's own continued arguments)."""
    for no in range(annotation, annotation + _SIGNATURE_LOOKAHEAD):
        text = bare.get(no)
        if text is None:
            return None
        if _METHOD_SIGNATURE.search(text) and not text.lstrip().startswith("@"):
            return no
    return None


def _in_loop(bare: dict[int, str], first: int, line: int, inner: int) -> bool:
    """Whether a loop header at the body's own level or deeper opens between the body's start and `line`
    and still holds it (a catch per batch item)."""
    for no in range(line - 1, first, -1):
        text = bare.get(no, "")
        if text.strip() and indent_of(text) < indent_of(bare.get(line, "")) and _LOOP.search(text):
            return True
    return False


def _side_work_only(lexed: Lexed, catch_line: int) -> bool:
    """The `try` only does side work (a metric, an audit or analytics event, a cache): fine to drop."""
    tried = try_of(lexed, catch_line)
    calls = [m.group(1) for line in (tried.body.splitlines() if tried is not None else [])
             if (m := _CALL.match(line))]
    return bool(calls) and all(SIDE_WORK.search(call) for call in calls)


def _hands_on(body: str, name: str | None) -> bool:
    """Whether the catch rethrows, settles the message another way, or passes the failure to a call that
    is not a logger."""
    return catch_hands_on(body, name, _HANDS_ON)
