// want: JAVA-FINALLY-EXIT
package com.acme.payouts;

public class PayoutBatchSender {

    private final PayoutGateway gateway;
    private final PayoutRepository payouts;

    public PayoutBatchSender(PayoutGateway gateway, PayoutRepository payouts) {
        this.gateway = gateway;
        this.payouts = payouts;
    }

    public int send(List<Payout> batch) {
        int sent = 0;
        try {
            for (Payout payout : batch) {
                gateway.send(payout);
                payouts.markSent(payout.getId());
                sent++;
            }
        } finally {
            return sent;
        }
    }
}
