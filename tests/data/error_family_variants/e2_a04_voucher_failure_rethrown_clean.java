// clean: ANY-FAILURE-MARKED-DONE
package com.acme.rewards;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class RewardFulfilment {
    private static final Logger LOG = LoggerFactory.getLogger(RewardFulfilment.class);

    private final GiftCardClient giftCards;
    private final ClaimRepository claims;

    public RewardFulfilment(GiftCardClient giftCards, ClaimRepository claims) {
        this.giftCards = giftCards;
        this.claims = claims;
    }

    public void fulfil(Claim claim) {
        try {
            giftCards.send(claim.getEmail(), claim.getAmount());
        } catch (GiftCardException e) {
            LOG.warn("gift card for claim {} failed", claim.getId(), e);
            claim.markFailed(e.getMessage());
            claims.update(claim);
            return;
        }
        claim.markIssued();
        claims.update(claim);
    }
}
