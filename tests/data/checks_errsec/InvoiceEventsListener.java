package com.example.billing.messaging;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

public class InvoiceEventsListener {

    @RabbitListener(queues = "invoices.issued")
    public void onIssued(InvoiceIssued event) {
        try {
            mailer.sendInvoice(event.customerId(), event.invoiceId());
        } catch (Exception e) { // expect: JAVA-LISTENER-FAILURE-SWALLOWED
            log.error("invoice mail failed for {}", event.invoiceId(), e);
        }
    }

    @RabbitListener(queues = "invoices.paid")
    public void onPaid(InvoicePaid event) {
        try {
            ledger.record(event.invoiceId(), event.amount());
        } catch (Exception e) {
            log.error("ledger write failed for {}", event.invoiceId(), e);
            throw new AmqpRejectAndDontRequeueException("ledger write failed", e);
        }
    }

    @KafkaListener(topics = "invoices.voided")
    public void onVoided(InvoiceVoided event) {
        try {
            search.remove(event.invoiceId());
        } catch (JsonProcessingException e) {
            log.warn("unreadable void event {}", event, e);
        }
    }

    @KafkaListener(topics = "invoices.batch")
    public void onBatch(List<InvoiceIssued> events) {
        for (InvoiceIssued event : events) {
            try {
                mailer.sendInvoice(event.customerId(), event.invoiceId());
            } catch (Exception e) {
                log.error("invoice mail failed for {}", event.invoiceId(), e);
            }
        }
    }

    @KafkaListener(topics = "invoices.reminders")
    public void onReminder(InvoiceReminder event, Acknowledgment ack) {
        try {
            mailer.sendReminder(event.customerId(), event.invoiceId());
            ack.acknowledge();
        } catch (Exception e) {
            log.error("reminder failed for {}", event.invoiceId(), e);
        }
    }

    // A Kafka record parameter is conventionally called `record`: the
    // listener below is still a method (not a Java record declaration),
    // so its catch-all is read like the ones above.

    @KafkaListener(topics = "invoices.credited")
    public void onCredited(ConsumerRecord<String, String> record) {
        try {
            ledger.credit(parse(record.value()));
        } catch (RuntimeException e) { // expect: JAVA-LISTENER-FAILURE-SWALLOWED
            log.error("credit note at offset {} not booked", record.offset(), e);
        }
    }
}
