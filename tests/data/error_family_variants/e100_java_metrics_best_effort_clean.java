// clean: JAVA-LISTENER-FAILURE-SWALLOWED
package com.acme.orders.events;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class OrderPlacedListener {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

    private final FulfilmentService fulfilment;
    private final AuditPublisher audit;

    public OrderPlacedListener(FulfilmentService fulfilment, AuditPublisher audit) {
        this.fulfilment = fulfilment;
        this.audit = audit;
    }

    @KafkaListener(topics = "orders.placed")
    public void onPlaced(OrderPlaced event) {
        fulfilment.allocate(event.orderId());
        try {
            audit.recordAllocationMetric(event.orderId());
        } catch (RuntimeException e) {
            log.debug("allocation metric not recorded", e);
        }
    }
}
