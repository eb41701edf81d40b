// clean: JAVA-LISTENER-FAILURE-SWALLOWED
package com.acme.shipping.messaging;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

@Slf4j
@Component
@RequiredArgsConstructor
public class LabelRequestListener {

    private final CarrierClient carrier;
    private final ShipmentRepository shipments;

    @RabbitListener(queues = "shipping.label-requested")
    public void handle(LabelRequested msg) {
        try {
            String label = carrier.createLabel(msg.shipmentId(), msg.address());
            shipments.attachLabel(msg.shipmentId(), label);
        } catch (HttpClientErrorException ex) {
            log.warn("label rejected for {}: {}", msg.shipmentId(), ex.getMessage());
            throw new AmqpRejectAndDontRequeueException("carrier rejected address", ex);
        }
    }
}
