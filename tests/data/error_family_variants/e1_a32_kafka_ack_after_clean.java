// clean: ANY-ACK-ON-FAILURE (acknowledged only when applied; failure goes to the error handler)
package com.acme.ledger.consumer;

@Component
public class LedgerEventsConsumer {

    private final LedgerService ledger;

    public LedgerEventsConsumer(LedgerService ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(topics = "ledger-events")
    public void consume(ConsumerRecord<String, String> record, Acknowledgment ack) {
        ledger.apply(record.value());
        ack.acknowledge();
    }
}
