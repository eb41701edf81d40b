"""Side effects started inside a database transaction, and their deferred look-alikes."""

import requests
from django.core.mail import send_mail
from django.db import transaction

from .models import Order
from .tasks import send_receipt


def place_order(user, total):
    with transaction.atomic():
        order = Order.objects.create(user=user, total=total)
        send_receipt.delay(order.id)  # expect: ANY-SIDE-EFFECT-IN-TX
    return order


@transaction.atomic
def cancel_order(order):
    Order.objects.filter(pk=order.pk).update(state="cancelled")
    requests.post(WAREHOUSE_URL, json={"order": order.id}, timeout=5)  # expect: ANY-SIDE-EFFECT-IN-TX


def place_order_after_commit(user, total):
    with transaction.atomic():
        order = Order.objects.create(user=user, total=total)
        transaction.on_commit(lambda: send_receipt.delay(order.id))
    send_mail("Order placed", "Thanks", None, [user.email])
    return order
