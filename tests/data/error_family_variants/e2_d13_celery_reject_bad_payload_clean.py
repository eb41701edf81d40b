# clean: ANY-FAILURE-MADE-PERMANENT
import requests
from celery import shared_task
from celery.exceptions import Reject


@shared_task(bind=True, acks_late=True, max_retries=5)
def push_invoice(self, invoice_id: int) -> None:
    try:
        invoice = Invoice.objects.get(pk=invoice_id)
    except Invoice.DoesNotExist as exc:
        raise Reject(exc, requeue=False)
    try:
        requests.post(ERP_URL, json=invoice.as_payload(), timeout=10).raise_for_status()
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=60)
    invoice.mark_pushed()
