// clean: ANY-FAILURE-MARKED-DONE
package com.acme.outbox;

@Component
public class OutboxRelay {
    public void relay(OutboxEvent ev) {
        try {
            kafka.send(ev.getTopic(), ev.getKey(), ev.getPayload()).get();
        } catch (Exception e) {
            log.error("publish {} failed", ev.getId(), e);
            throw new RelayException(ev.getId(), e);
        }
        ev.setSentAt(Instant.now());
        outbox.save(ev);
    }
}
