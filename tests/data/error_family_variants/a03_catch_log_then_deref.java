// want: JAVA-CATCH-LOGGED-CONTINUES
package com.acme.orders;

public class OrderSync {
    private static final Logger log = LoggerFactory.getLogger(OrderSync.class);

    public void sync(String orderId) {
        Order order = null;
        try {
            order = client.fetchOrder(orderId);
        } catch (IOException e) {
            log.error("fetch order failed", e);
        }
        repository.save(order.toEntity());
    }
}
