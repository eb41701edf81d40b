"""Java: a request handler hands a message to Kafka, drops the send's future, and answers success.

    @PostMapping("/shipments")
    public ResponseEntity<Void> create(@RequestBody Shipment shipment) {
        kafkaTemplate.send("shipments", shipment.id(), shipment);   // the future is dropped
        return ResponseEntity.accepted().build();                  // 202 before the broker has the record
    }

`KafkaTemplate.send` and `KafkaProducer.send` only queue the record in the client's buffer and return a
future; the broker acknowledges it later, or the send fails later (broker down, record too large, buffer
full, serialization or authorisation error). A handler that drops that future tells the client its request
was accepted although nothing may have been written: the failure at best reaches a log line of the
producer, and the client never retries. Reported, on the `send`: an expression statement
`<producer>.send(...)`/`sendDefault(...)` whose result is neither kept, returned nor given a callback or a
wait in the same statement (`.get(...)`, `.join()`, `.whenComplete`, `.addCallback`, `.thenAccept`, ...;
or a callback lambda as last argument), inside a method annotated as a request handler (`@PostMapping`,
`@RequestMapping`, ...). The producer is a name declared with a `KafkaTemplate`/`KafkaProducer`/`Producer`
type in the file, or a name that says Kafka (`kafkaTemplate`, `kafka`). The same for the AWS SDK's async
clients (`SqsAsyncClient.sendMessage`, `SnsAsyncClient.publish`, Kinesis `putRecord`, EventBridge
`putEvents`, ...) and Spring Pulsar's `PulsarTemplate.sendAsync`, which also return a future. A callback
counts as a two-parameter lambda (`(metadata, exception) -> ...`), not the request-builder lambda of the
AWS SDK (`b -> b.queueUrl(url)`). Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HANDLER = lazy_re(r"@(?:GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping)\b")
_METHOD_HEAD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")
_CONTROL = lazy_re(
    r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized|return|new)\b"
)
_PRODUCER_DECLARED = lazy_re(
    r"\b(?:ReactiveKafkaProducerTemplate|KafkaTemplate|KafkaProducer|Producer|KafkaOperations)\s*"
    r"(?:<[^;=()]*>)?\s+(?P<name>[a-z_$][\w$]*)\s*[;,)=]"
)
_KAFKA_NAME = r"(?:this\s*\.\s*)?\w*[Kk]afka\w*"
_ASYNC_CLIENT_DECLARED = lazy_re(
    r"\b(?:Sqs|Sns|Kinesis|EventBridge|Firehose)AsyncClient\s+(?P<name>[a-z_$][\w$]*)\s*[;,)=]"
    r"|\bPulsarTemplate\s*(?:<[^;=()]*>)?\s+(?P<pulsar>[a-z_$][\w$]*)\s*[;,)=]"
)
_ASYNC_CLIENT_NAME = (
    r"(?:this\s*\.\s*)?\w*(?:[Ss]qs|[Ss]ns|[Kk]inesis|[Ee]ventBridge|[Ff]irehose)\w*AsyncClient\w*"
)
_ASYNC_CLIENT_CALLS = (
    r"sendMessage|sendMessageBatch|publish|publishBatch|putRecord|putRecords|putEvents|putRecordBatch"
)
_OBSERVED = lazy_re(
    r"\.\s*(?:get|join|whenComplete\w*|handle\w*|exceptionally\w*|thenAccept\w*|thenApply\w*|thenRun\w*|"
    r"thenCompose\w*|addCallback|completable|subscribe|block\w*|doOnError|doOnNext|then)\s*\("
    r"|\(\s*[\w$]+\s*,\s*[\w$]+\s*\)\s*->|::|\bnew\s+\w*Callback\b|\bcallback\b"
)


def _named(names: set[str]) -> list[str]:
    return [rf"(?:this\s*\.\s*)?{re.escape(name)}" for name in sorted(names)]


def _producer_call(lexed: Lexed) -> re.Pattern[str]:
    """An expression statement that starts with a send on a producer of this file: a Kafka producer's
    `send`/`sendDefault`, an AWS SDK async client's `sendMessage`/`publish`/`putRecord`/`putEvents`, or a
    `PulsarTemplate`'s `sendAsync` (each returns a future)."""
    producers: set[str] = set()
    clients: set[str] = set()
    pulsars: set[str] = set()
    for text in lexed.bare.values():
        if "Produc" in text or "Kafka" in text:
            producers.update(found.group("name") for found in _PRODUCER_DECLARED.finditer(text))
        if "AsyncClient" in text or "PulsarTemplate" in text:
            for found in _ASYNC_CLIENT_DECLARED.finditer(text):
                if found.group("name"):
                    clients.add(found.group("name"))
                else:
                    pulsars.add(found.group("pulsar"))
    kafka = "|".join([_KAFKA_NAME, *_named(producers)])
    aws = "|".join([_ASYNC_CLIENT_NAME, *_named(clients)])
    pulsar = "|".join([r"(?:this\s*\.\s*)?\w*[Pp]ulsar\w*", *_named(pulsars)])
    return re.compile(
        rf"^\s*(?:(?P<producer>{kafka})\s*\.\s*(?P<call>send|sendDefault)"
        rf"|(?P<client>{aws})\s*\.\s*(?P<aws>{_ASYNC_CLIENT_CALLS})"
        rf"|(?P<pulsar>{pulsar})\s*\.\s*(?P<async>sendAsync))\s*\("
    )


@register(
    CheckSpec(
        id="JAVA-SEND-UNCONFIRMED",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Request handler drops the Kafka send's result and answers success",
        explanation=(
            "`send` only queues the record and returns a future; the broker accepts it or the send fails "
            "later. Dropping the future in a request handler answers the client that its request was taken "
            "although nothing may have been written, and the client never retries. Wait for the "
            "acknowledgement with a bound (`send(...).get(5, SECONDS)`) and answer an error when it fails, "
            "or record the request in the database first (outbox) and publish from there."
        ),
    ),
    needs=("send(", "sendDefault(", "AsyncClient", "sendAsync("),
)
def send_unconfirmed(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    call = _producer_call(lexed)
    for block in blocks_of(ctx).all():
        declaration = declaration_of(lexed, block)
        if not _HANDLER.search(declaration):
            continue
        signature = signature_of(declaration)
        if _CONTROL.match(signature) or not _METHOD_HEAD.search(signature):
            continue
        for no in range(block.first + 1, block.last + 1):
            bare = lexed.bare.get(no, "")
            if "(" not in bare:
                continue
            found = call.match(bare)
            if found is None:
                continue
            span = statement_span(lexed, no)
            if not span.bare.rstrip().endswith(";") or _OBSERVED.search(span.bare):
                continue
            receiver = found.group("producer") or found.group("client") or found.group("pulsar")
            producer = " ".join(receiver.split())
            method = found.group("call") or found.group("aws") or found.group("async")
            yield Hit(no, message=(
                f"`{producer}.{method}(...)` returns a future that this handler drops: the "
                f"client is answered before the broker has the record, and a failed send is never reported "
                f"to it. Wait for the send (with a timeout) and answer an error when it fails."))
