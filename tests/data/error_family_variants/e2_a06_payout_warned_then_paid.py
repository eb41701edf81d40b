# want: ANY-FAILURE-MARKED-DONE
import logging

import stripe

from payouts.models import Payout, PayoutStatus

log = logging.getLogger(__name__)


def settle_payouts(batch_id: int) -> None:
    for payout in Payout.objects.filter(batch_id=batch_id, status=PayoutStatus.PENDING):
        try:
            stripe.Transfer.create(amount=payout.amount_cents, currency="eur", destination=payout.account_id)
        except stripe.error.StripeError:
            log.warning("transfer for payout %s failed", payout.pk)
        payout.status = PayoutStatus.PAID
        payout.save(update_fields=["status"])
