package com.acme.payments;

public class Rethrows {
    public Charge charge(String customerId, long cents) {
        try {
            return gateway.charge(customerId, cents);
        } catch (GatewayException e) {
            throw new PaymentFailedException("charge failed for " + customerId + ": " + e.getMessage()); // expect: JAVA-EXCEPTION-CAUSE-DROPPED
        }
    }

    public Charge chargeWithCause(String customerId, long cents) {
        try {
            return gateway.charge(customerId, cents);
        } catch (GatewayException e) {
            throw new PaymentFailedException("charge failed for " + customerId, e);
        }
    }

    public Order place(Order order) {
        Order saved = orderRepository.save(order);
        CompletableFuture.runAsync(() -> auditClient.record("order.created", saved.getId())); // expect: JAVA-ASYNC-FUTURE-DROPPED
        CompletableFuture.runAsync(() -> auditClient.record("order.placed", saved.getId()))
            .exceptionally(ex -> {
                log.warn("audit failed", ex);
                return null;
            });
        return saved;
    }
}
