// want: JAVA-LISTENER-FAILURE-SWALLOWED
package com.acme.shipping.messaging;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

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
        } catch (RestClientException ex) {
            log.warn("label creation failed for {}: {}", msg.shipmentId(), ex.getMessage());
        }
    }
}
