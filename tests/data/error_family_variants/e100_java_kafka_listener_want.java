// want: JAVA-LISTENER-FAILURE-SWALLOWED
package com.acme.ledger.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class CaptureListener {

    private static final Logger log = LoggerFactory.getLogger(CaptureListener.class);

    private final LedgerService ledger;

    public CaptureListener(LedgerService ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(topics = "payments.captured", groupId = "ledger")
    public void onCapture(PaymentCaptured event) {
        try {
            ledger.postCapture(event.paymentId(), event.amount(), event.currency());
        } catch (LedgerException e) {
            log.error("could not post capture {}", event.paymentId(), e);
        }
    }
}
