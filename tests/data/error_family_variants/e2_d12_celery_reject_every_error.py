# want: ANY-FAILURE-MADE-PERMANENT
import requests
from celery import shared_task
from celery.exceptions import Reject


@shared_task(bind=True, acks_late=True)
def push_invoice(self, invoice_id: int) -> None:
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        requests.post(ERP_URL, json=invoice.as_payload(), timeout=10).raise_for_status()
    except requests.RequestException as exc:
        raise Reject(exc, requeue=False)
    invoice.mark_pushed()
