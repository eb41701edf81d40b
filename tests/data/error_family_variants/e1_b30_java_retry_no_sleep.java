// want: ANY-RETRY-NO-BACKOFF
package com.acme.sync;

public class CrmPusher {

    private static final Logger log = LoggerFactory.getLogger(CrmPusher.class);
    private final CrmClient crm;

    public CrmPusher(CrmClient crm) {
        this.crm = crm;
    }

    public void push(Contact contact) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                crm.upsert(contact);
                return;
            } catch (CrmUnavailableException e) {
                log.warn("crm upsert attempt {} failed", attempt, e);
            }
        }
        throw new IllegalStateException("crm upsert failed for " + contact.id());
    }
}
