// want: JAVA-REACTIVE-ERROR-DROPPED
package com.acme.audit;

@Service
public class AuditService {
    private final AuditEventRepository events;

    public AuditService(AuditEventRepository events) {
        this.events = events;
    }

    public Mono<Order> recordPlaced(Order order) {
        events.save(new AuditEvent("order.placed", order.getId())).subscribe();
        return Mono.just(order);
    }
}
