"""A parameter or variable called `record` (`ConsumerRecord<K, V> record`, the usual name in Kafka consumers)
is not a Java `record` declaration: the method around it is still a method, so the checks that read a
method's body (the listener check here) see it."""

from __future__ import annotations

from persona_review.checks._java_methods import method_block
from persona_review.contexts import context_for_text

from .helpers import findings_of

PATH = "src/main/java/com/acme/audit/AuditTrailConsumer.java"
CODE = """package com.acme.audit;

@Component
public class AuditTrailConsumer {
    @KafkaListener(topics = "audit-trail")
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            store.append(codec.decode(record.value()));
        } catch (RuntimeException ex) {
            LOG.warn("dropped audit entry {}", record.key(), ex);
        }
    }

    record Entry(String actor, long at) {
        Entry {
            java.util.Objects.requireNonNull(actor);
        }
    }
}
"""


def test_listener_taking_a_record_parameter_is_read() -> None:
    assert (9, "JAVA-LISTENER-FAILURE-SWALLOWED") in findings_of(PATH, CODE)


def test_method_block_tells_a_parameter_named_record_from_a_record_type() -> None:
    ctx = context_for_text(PATH, CODE)
    block = method_block(ctx, 7)
    assert block is not None and block.first == 6
    assert method_block(ctx, 15) is None  # the record's own body is a type's, not a method's
