// want: ANY-FAILURE-MARKED-DONE
package com.acme.outbox;

@Component
public class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    @Scheduled(fixedDelay = 5000)
    public void relay() {
        for (OutboxEvent ev : outbox.findUnsent()) {
            try {
                kafka.send(ev.getTopic(), ev.getKey(), ev.getPayload()).get();
            } catch (Exception e) {
                log.error("publish {} failed", ev.getId(), e);
            }
            ev.setSentAt(Instant.now());
            outbox.save(ev);
        }
    }
}
