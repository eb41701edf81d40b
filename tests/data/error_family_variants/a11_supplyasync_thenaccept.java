// want: JAVA-ASYNC-FUTURE-DROPPED
package com.acme.sync;

@Service
public class InventorySync {
    public void onOrderPlaced(Order order) {
        CompletableFuture.supplyAsync(() -> warehouse.reserve(order.items()), pool)
            .thenAccept(res -> orders.markReserved(order.id(), res.reference()));
    }
}
