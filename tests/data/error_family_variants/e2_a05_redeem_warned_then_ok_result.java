// want: ANY-FAILURE-MARKED-DONE
package com.acme.loyalty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class PointsRedemption {
    private static final Logger log = LoggerFactory.getLogger(PointsRedemption.class);

    private final PartnerApi partner;
    private final Ledger ledger;

    public PointsRedemption(PartnerApi partner, Ledger ledger) {
        this.partner = partner;
        this.ledger = ledger;
    }

    public Outcome redeem(long memberId, Offer offer) {
        ledger.debit(memberId, offer.points());
        String bookingRef = null;
        try {
            bookingRef = partner.book(memberId, offer.partnerSku()).reference();
        } catch (PartnerUnavailableException e) {
            log.warn("partner booking failed for member {}", memberId, e);
        }
        return Outcome.success(offer.points(), bookingRef);
    }
}
