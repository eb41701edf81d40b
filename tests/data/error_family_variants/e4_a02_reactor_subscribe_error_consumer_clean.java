// clean: JAVA-REACTIVE-ERROR-DROPPED (the subscriber is given an error consumer)
package com.acme.audit;

@Service
public class AuditService {
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);
    private final AuditEventRepository events;

    public AuditService(AuditEventRepository events) {
        this.events = events;
    }

    public Mono<Order> recordPlaced(Order order) {
        events.save(new AuditEvent("order.placed", order.getId()))
                .subscribe(saved -> log.debug("audit {}", saved.getId()),
                           err -> log.error("audit write failed for {}", order.getId(), err));
        return Mono.just(order);
    }
}
