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


def queue_payout(queue, payout_id: int) -> None:
    queue.enqueue(send_payout, payout_id, retry=Retry(max=3, interval=[10, 60, 300]))


def send_payout(payout_id: int) -> None:
    payout = Payout.objects.get(pk=payout_id)
    ledger_client.create_transfer(account=payout.account_ref, cents=payout.cents)  # expect: ANY-RETRY-NON-IDEMPOTENT


def queue_payout_keyed(queue, payout_id: int) -> None:
    queue.enqueue(send_payout_keyed, payout_id, retry=Retry(max=3))


def send_payout_keyed(payout_id: int) -> None:
    payout = Payout.objects.get(pk=payout_id)
    ledger_client.create_transfer(account=payout.account_ref, cents=payout.cents, idempotency_key=f"payout-{payout.pk}")
