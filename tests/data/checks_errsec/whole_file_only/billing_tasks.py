"""Celery tasks written for these tests: one catches its failure although it is configured to retry,
the other retries."""
from celery import shared_task


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def sync_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        remote = erp_client.push_invoice(invoice.to_erp())
    except ErpError as exc:  # expect: PY-TASK-FAILURE-SWALLOWED
        logger.warning("ERP push failed for invoice %s: %s", invoice_id, exc)
        return {"invoice": invoice_id, "status": "failed"}
    invoice.erp_ref = remote["id"]
    invoice.save(update_fields=["erp_ref"])
    return {"invoice": invoice_id, "erp_ref": remote["id"]}


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def sync_credit_note(self, note_id):
    note = CreditNote.objects.get(pk=note_id)
    try:
        erp_client.push_credit_note(note.to_erp())
    except ErpError as exc:
        logger.warning("ERP push failed for credit note %s: %s", note_id, exc)
        raise self.retry(exc=exc)
