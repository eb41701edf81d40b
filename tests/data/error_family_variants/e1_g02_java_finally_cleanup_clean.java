// clean: JAVA-FINALLY-EXIT (the finally only records progress; the exception propagates)
package com.acme.payouts;

public class PayoutBatchSender {

    private static final Logger log = LoggerFactory.getLogger(PayoutBatchSender.class);
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
            log.info("payout batch: {} of {} sent", sent, batch.size());
        }
        return sent;
    }
}
