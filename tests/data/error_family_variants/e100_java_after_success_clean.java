// clean: ANY-FAILURE-MARKED-DONE
package com.acme.webhooks;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

@Service
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;

    public WebhookDispatcher(DeliveryRepository deliveries, WebhookSender sender) {
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Scheduled(fixedDelay = 5000)
    public void dispatch() {
        List<Delivery> pending = deliveries.findTop50ByDeliveredAtIsNull();
        for (Delivery d : pending) {
            try {
                sender.post(d.getUrl(), d.getPayload());
                d.setDeliveredAt(Instant.now());
            } catch (Exception e) {
                log.warn("webhook {} failed", d.getId(), e);
                d.setLastError(e.getMessage());
                d.setAttempts(d.getAttempts() + 1);
            } finally {
                deliveries.save(d);
            }
        }
    }
}
