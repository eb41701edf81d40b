// clean: ANY-RETRY-NO-BACKOFF (sleeps longer after every failed attempt)
package com.acme.sync;

public class CrmPusher {

    private static final Logger log = LoggerFactory.getLogger(CrmPusher.class);
    private final CrmClient crm;

    public CrmPusher(CrmClient crm) {
        this.crm = crm;
    }

    public void push(Contact contact) throws InterruptedException {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                crm.upsert(contact);
                return;
            } catch (CrmUnavailableException e) {
                log.warn("crm upsert attempt {} failed", attempt, e);
                Thread.sleep(200L << attempt);
            }
        }
        throw new IllegalStateException("crm upsert failed for " + contact.id());
    }
}
