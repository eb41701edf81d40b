from celery import shared_task
from django.db import transaction

from billing.models import Hold, Voucher


def redeem(code: str) -> Voucher:
    voucher = Voucher.objects.select_for_update().get(code=code)  # expect: PY-LOCK-OUTSIDE-TX
    voucher.used += 1
    voucher.save(update_fields=["used"])
    return voucher


def redeem_atomically(code: str) -> Voucher:
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(code=code)
        voucher.used += 1
        voucher.save(update_fields=["used"])
    return voucher


@shared_task
@transaction.atomic
def expire_holds() -> None:
    for hold in Hold.objects.select_for_update(skip_locked=True).filter(expired=True):
        hold.delete()
