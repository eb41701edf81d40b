// want: ANY-ACK-ON-FAILURE
package com.acme.ledger.consumer;

@Component
public class LedgerEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(LedgerEventsConsumer.class);
    private final LedgerService ledger;

    public LedgerEventsConsumer(LedgerService ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(topics = "ledger-events")
    public void consume(ConsumerRecord<String, String> record, Acknowledgment ack) {
        try {
            ledger.apply(record.value());
        } catch (Exception e) {
            log.error("could not apply ledger event {}", record.key(), e);
        } finally {
            ack.acknowledge();
        }
    }
}
