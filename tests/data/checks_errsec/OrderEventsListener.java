package com.acme.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.kafka.annotation.KafkaListener;

@Component
public class OrderEventsListener {
    private final ObjectMapper mapper = new ObjectMapper();

    @KafkaListener(topics = "orders.placed")
    public void onPlaced(String payload) throws Exception {
        OrderPlaced event = mapper.readValue(payload, OrderPlaced.class); // expect: JAVA-LISTENER-PARSE-UNGUARDED
        shipments.create(event.orderId());
    }

    @KafkaListener(topics = "orders.cancelled")
    public void onCancelled(String payload) {
        try {
            OrderCancelled event = mapper.readValue(payload, OrderCancelled.class);
            shipments.cancel(event.orderId());
        } catch (JsonProcessingException e) {
            deadLetters.send("orders.cancelled.dlt", payload);
        }
    }
}
