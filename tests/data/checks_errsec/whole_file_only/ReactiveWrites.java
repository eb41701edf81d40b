package com.acme.orders;

import reactor.core.publisher.Mono;

@Service
public class OrderEvents {
    private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);
    private final AuditRepository audit;
    private final OrderRepository orders;
    private final KafkaSender<String, String> sender;
    private final LocalCache cache;

    public OrderEvents(AuditRepository audit, OrderRepository orders, KafkaSender<String, String> sender, LocalCache cache) {
        this.audit = audit;
        this.orders = orders;
        this.sender = sender;
        this.cache = cache;
    }

    public Mono<Order> placed(Order order) {
        audit.save(new AuditEntry("placed", order.getId())).subscribe(); // expect: JAVA-REACTIVE-ERROR-DROPPED
        return Mono.just(order);
    }

    public void shipped(Order order) {
        sender.send(Mono.just(record(order))) // expect: JAVA-REACTIVE-ERROR-DROPPED
                .subscribe(result -> log.debug("sent {}", result));
    }

    public Mono<Order> cancel(Order order) {
        return orders.save(order.cancelled()) // expect: JAVA-REACTIVE-ERROR-DROPPED
                .onErrorResume(e -> Mono.empty());
    }

    public Mono<Boolean> purge(String id) {
        return orders.deleteById(id).thenReturn(true).onErrorReturn(false); // expect: JAVA-REACTIVE-ERROR-DROPPED
    }

    public Mono<Void> archive(Order order) {
        return orders.save(order.archived()).onErrorComplete().then(); // expect: JAVA-REACTIVE-ERROR-DROPPED
    }

    public void observed(Order order) {
        audit.save(new AuditEntry("seen", order.getId()))
                .subscribe(saved -> log.debug("audit {}", saved), err -> log.error("audit failed", err));
    }

    public Mono<Void> remember(String id) {
        return orders.save(new Order(id)).onErrorResume(DuplicateKeyException.class, e -> Mono.empty()).then();
    }

    public void logged(Order order) {
        audit.save(new AuditEntry("logged", order.getId()))
                .doOnError(e -> log.error("audit failed", e))
                .subscribe();
    }

    public Mono<Order> fallbackLogged(Order order) {
        return orders.save(order).onErrorResume(e -> {
            log.warn("save failed for {}", order.getId(), e);
            return Mono.empty();
        });
    }

    public void warm() {
        orders.findAll().collectList().subscribe(cache::replaceAll);
    }

    public Mono<AuditEntry> returned(Order order) {
        return audit.save(new AuditEntry("returned", order.getId()));
    }
}
