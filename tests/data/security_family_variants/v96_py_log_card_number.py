# want: PY-SECRET-IN-LOG
import logging

from .gateway import charge

log = logging.getLogger("payments")


def pay(order, card_number: str, cvv: str, expiry: str) -> str:
    log.info("charging order %s with card %s exp %s", order.id, card_number, expiry)
    result = charge(amount=order.total, card_number=card_number, cvv=cvv, expiry=expiry)
    return result.reference
