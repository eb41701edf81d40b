// clean: JAVA-ASYNC-FUTURE-DROPPED (the handler reads and logs the exception)
package com.acme.notify;

@Service
public class ShipmentNotifier {
    private static final Logger log = LoggerFactory.getLogger(ShipmentNotifier.class);
    private final SmsGateway sms;
    private final Executor executor;

    public ShipmentNotifier(SmsGateway sms, Executor executor) {
        this.sms = sms;
        this.executor = executor;
    }

    public void shipped(Shipment shipment) {
        CompletableFuture.runAsync(() -> sms.send(shipment.getPhone(), "Your parcel is on its way"), executor)
                .exceptionally(ex -> {
                    log.warn("shipment sms failed for {}", shipment.getId(), ex);
                    return null;
                });
    }
}
