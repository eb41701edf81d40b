package com.example.shipping;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;

public class AckOnFailure {
    private final ShipmentService shipments;
    private final KafkaTemplate<String, String> deadLetters;

    AckOnFailure(ShipmentService shipments, KafkaTemplate<String, String> deadLetters) {
        this.shipments = shipments;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(topics = "shipments")
    public void onShipment(ConsumerRecord<String, String> record, Acknowledgment ack) {
        try {
            shipments.apply(record.value());
        } finally {
            ack.acknowledge(); // expect: ANY-ACK-ON-FAILURE
        }
    }

    @KafkaListener(topics = "returns")
    public void onReturn(ConsumerRecord<String, String> record, Acknowledgment ack) {
        try {
            shipments.applyReturn(record.value());
        } catch (ShipmentException e) {
            deadLetters.send("returns.DLT", record.key(), record.value());
        } finally {
            ack.acknowledge();
        }
    }

    @KafkaListener(topics = "labels")
    public void onLabel(ConsumerRecord<String, String> record, Acknowledgment ack) {
        shipments.printLabel(record.value());
        ack.acknowledge();
    }
}
