# clean: PY-TASK-FAILURE-SWALLOWED
import logging

from celery import shared_task

from orders.models import Order
from orders.fulfilment import ship
from orders.metrics import statsd

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True)
def fulfil_order(self, order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    ship(order)
    try:
        statsd.incr("orders.fulfilled", tags=[f"region:{order.region}"])
    except OSError:
        log.debug("statsd unavailable")
