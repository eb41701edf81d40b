# want: PY-TASK-FAILURE-SWALLOWED
import logging

import dramatiq
import httpx

from billing.repo import invoices

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="billing", max_retries=10)
def deliver_invoice(invoice_id: str) -> None:
    invoice = invoices.get(invoice_id)
    try:
        resp = httpx.post(invoice.customer_webhook, json=invoice.as_event(), timeout=10)
        resp.raise_for_status()
    except httpx.HTTPError:
        logger.exception("invoice %s webhook delivery failed", invoice_id)
        return
    invoices.mark_delivered(invoice_id)
