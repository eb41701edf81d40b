// want: JAVA-ASYNC-FUTURE-DROPPED
package com.acme.notify;

@Service
public class ShipmentNotifier {
    private final SmsGateway sms;
    private final Executor executor;

    public ShipmentNotifier(SmsGateway sms, Executor executor) {
        this.sms = sms;
        this.executor = executor;
    }

    public void shipped(Shipment shipment) {
        CompletableFuture.runAsync(() -> sms.send(shipment.getPhone(), "Your parcel is on its way"), executor)
                .exceptionally(ex -> null);
    }
}
