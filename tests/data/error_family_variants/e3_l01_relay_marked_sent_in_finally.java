// want: ANY-FAILURE-MARKED-DONE
package com.acme.billing.outbox;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class InvoiceEventRelay {
    private static final Logger log = LoggerFactory.getLogger(InvoiceEventRelay.class);

    private final OutboxStore store;
    private final EventBus bus;

    public InvoiceEventRelay(OutboxStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    @Scheduled(fixedDelay = 2000)
    public void flush() {
        List<OutboxRow> rows = store.pending(50);
        for (OutboxRow row : rows) {
            try {
                bus.publish(row.topic(), row.key(), row.body());
            } catch (RuntimeException e) {
                log.warn("could not publish outbox row {}", row.id(), e);
            } finally {
                store.markSent(row.id(), Instant.now());
            }
        }
    }
}
