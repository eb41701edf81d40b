# clean: ANY-FAILURE-MARKED-DONE
import logging

from billing.gateway import CardDeclined, gateway

log = logging.getLogger(__name__)


def checkout(order) -> None:
    try:
        gateway.charge(order.card_token, order.total_cents)
    except CardDeclined:
        log.warning("card declined for order %s", order.id)
    order.status = "cancelled"
    order.save()
