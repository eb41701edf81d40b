# want: ANY-FAILURE-FALLBACK-VALUE
import logging

import stripe

log = logging.getLogger(__name__)


def available_balance_cents(account_id: str) -> int:
    try:
        balance = stripe.Balance.retrieve(stripe_account=account_id)
    except stripe.error.StripeError as exc:
        log.error("balance lookup failed for %s: %s", account_id, exc)
        return 0
    return sum(b["amount"] for b in balance["available"] if b["currency"] == "usd")


def can_withdraw(account_id: str, amount_cents: int) -> bool:
    return available_balance_cents(account_id) >= amount_cents
