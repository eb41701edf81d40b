"""Retried payment calls: with and without an idempotency key."""

import stripe
from celery import shared_task

from billing.models import Invoice


@shared_task(autoretry_for=(stripe.error.APIConnectionError,), retry_backoff=True, max_retries=5)  # expect: ANY-RETRY-NON-IDEMPOTENT
def collect_invoice(invoice_id: int) -> None:
    invoice = Invoice.objects.get(pk=invoice_id)
    stripe.PaymentIntent.create(amount=invoice.cents, currency="eur", customer=invoice.customer_ref, confirm=True)


@shared_task(autoretry_for=(stripe.error.APIConnectionError,), retry_backoff=True, max_retries=5)
def collect_invoice_keyed(invoice_id: int) -> None:
    invoice = Invoice.objects.get(pk=invoice_id)
    stripe.PaymentIntent.create(
        amount=invoice.cents,
        currency="eur",
        customer=invoice.customer_ref,
        confirm=True,
        idempotency_key=f"invoice-{invoice.pk}",
    )


@shared_task(autoretry_for=(stripe.error.APIConnectionError,), retry_backoff=True, max_retries=5)
def refresh_invoice(invoice_id: int) -> None:
    invoice = Invoice.objects.get(pk=invoice_id)
    invoice.status = stripe.PaymentIntent.retrieve(invoice.intent_id).status
    invoice.save(update_fields=["status"])
