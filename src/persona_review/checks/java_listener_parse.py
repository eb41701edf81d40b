"""A queue message's payload parsed by a listener with no catch around the parse (Java: Spring Kafka,
Spring AMQP, JMS, Spring Cloud AWS).

    @KafkaListener(topics = "orders")
    public void onOrder(String payload) throws JsonProcessingException {
        OrderEvent event = mapper.readValue(payload, OrderEvent.class);   // one malformed record...

A message that does not parse makes the listener throw, and the container hands the same message back:
Spring AMQP requeues it (forever, by default), Spring Kafka retries it and then logs and skips it (gone,
unless a dead-letter topic is configured), JMS redelivers it until the broker's limit. Every retry fails the
same way, and the consumer spends its time on one poison message. Reported, on the parse, a Jackson
`readValue`/`readTree`, fastjson `parseObject`/`parseArray` or Gson `fromJson` whose first argument is (or
starts from) a parameter of a method annotated `@KafkaListener`, `@RabbitListener`, `@JmsListener`,
`@SqsListener` or `@StreamListener`, or of a JMS/AMQP `MessageListener`'s `onMessage(Message)`, when no
`try` around it catches the parse failure (`JsonProcessingException`, `IOException`, `JSONException`,
`JsonSyntaxException`, `RuntimeException`, `Exception`, ...). In a hunk, the method's header must be in view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_PARSE_METHODS = frozenset({"readValue", "readTree", "parseObject", "parseArray", "fromJson"})
_LISTENER = lazy_re(r"@(?:KafkaListener|RabbitListener|JmsListener|SqsListener|StreamListener)\b")
_CATCHES = lazy_re(
    r"\b(?:JsonProcessingException|JsonParseException|JsonMappingException|JacksonException|DatabindException"
    r"|MismatchedInputException|IOException|JSONException|JsonSyntaxException|JsonParseException"
    r"|RuntimeException|Exception|Throwable)\b"
)
_IDENT = lazy_re(r"[A-Za-z_]\w*")
_BROKER_IMPORT = lazy_re(
    r"\bimport\s+(?:javax\.jms|jakarta\.jms|org\.springframework\.amqp|org\.springframework\.jms)\.")


@register(
    CheckSpec(
        id="JAVA-LISTENER-PARSE-UNGUARDED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Queue message parsed in a listener without a catch: one malformed message is retried forever",
        explanation=(
            "A message that does not parse makes the listener throw, and the container hands it back: "
            "Spring AMQP requeues it (forever, by default), Spring Kafka retries it and then logs and drops "
            "it, JMS redelivers it up to the broker's limit. Every retry fails the same way. Catch the parse "
            "failure and send the message to a dead-letter queue or topic (or reject it without requeue), "
            "or have the container's deserializer reject it (`ErrorHandlingDeserializer`)."
        ),
    ),
    needs=("Listener", "onMessage"),
)
def listener_parse_unguarded(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.method not in _PARSE_METHODS or site.line in seen:
                continue
            method = _method_of(site.node)
            if method is None or not _is_listener(method, ctx):
                continue
            arguments = site.node.child_by_field_name("arguments")
            first = next(iter(arguments.named_children), None) if arguments is not None else None
            if first is None or not _from_parameter(first, method) or _in_try(site.node):
                continue
            seen.add(site.line)
            yield Hit(site.line, None, message=(
                f"`{site.call.method}(...)` parses the message this listener received, and nothing here "
                "catches a malformed one: the listener throws, the container redelivers the message, and it "
                "fails again each time (RabbitMQ requeues it forever by default; Kafka retries it, then "
                "drops it). Catch the parse failure and dead-letter the message."))


def _method_of(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None:
        if parent.type == "method_declaration":
            return parent
        if parent.type in {"class_body", "program"}:
            return None
        parent = parent.parent
    return None


def _is_listener(method: Node, ctx: FileContext) -> bool:
    """A method under a listener annotation, or the `onMessage(Message)` of a JMS or AMQP
    `MessageListener` (Redis's `onMessage(message, pattern)` has no redelivery to speak of)."""
    modifiers = next((c for c in method.named_children if c.type == "modifiers"), None)
    if _LISTENER.search(text_of(modifiers)):
        return True
    params = method.child_by_field_name("parameters")
    return text_of(method.child_by_field_name("name")) == "onMessage" and params is not None \
        and sum(p.type == "formal_parameter" for p in params.named_children) == 1 \
        and bool(_BROKER_IMPORT.search(ctx.known_text()))


def _from_parameter(argument: Node, method: Node) -> bool:
    """Does the parsed text start from one of the listener's parameters (`payload`, `record.value()`,
    `new String(message.getBody())`)?"""
    params = method.child_by_field_name("parameters")
    if params is None:
        return False
    names = {text_of(p.child_by_field_name("name")) for p in params.named_children
             if p.type == "formal_parameter"}
    return bool(names & set(_IDENT.findall(text_of(argument))))


def _in_try(node: Node) -> bool:
    child, parent = node, node.parent
    while parent is not None and parent.type != "method_declaration":
        if parent.type in {"try_statement", "try_with_resources_statement"} \
                and parent.child_by_field_name("body") == child:
            for clause in parent.named_children:
                if clause.type == "catch_clause" and _CATCHES.search(_catch_types(clause)):
                    return True
        child, parent = parent, parent.parent
    return False


def _catch_types(clause: Node) -> str:
    for child in clause.named_children:
        if child.type == "catch_formal_parameter":
            return " ".join(text_of(c) for c in child.named_children if c.type == "catch_type")
    return ""
