"""PY-WRITES-NO-TX: Django ORM writes that belong together, made one by one outside `transaction.atomic`,
on services written for these tests."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "PY-WRITES-NO-TX"

_LINKED = """from billing.models import Invoice, LedgerEntry


def renew(account):
    invoice = Invoice.objects.create(account=account, total=account.plan.price)
    account.renewed = True
    account.save()
    LedgerEntry.objects.create(invoice=invoice, amount=invoice.total)
"""

_BUILT = """from shop.models import Order, OrderLine


def place(cart):
    order = Order(customer=cart.customer)
    order.save()
    OrderLine.objects.bulk_create([OrderLine(order_id=order.id, sku=i.sku) for i in cart.items])
"""

_COUNTER = """from django.db.models import F
from wallets.models import Wallet, Transfer


def transfer(src, dst, amount):
    Transfer.objects.create(src=src, dst=dst, amount=amount)
    Wallet.objects.filter(pk=src.pk).update(balance=F("balance") - amount)
    Wallet.objects.filter(pk=dst.pk).update(balance=F("balance") + amount)
"""


def _lines(text: str, path: str = "billing/services.py") -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


@pytest.mark.parametrize(("text", "line"), [(_LINKED, 5), (_BUILT, 6), (_COUNTER, 6)])
def test_writes_that_belong_together_outside_atomic_are_reported(text: str, line: int) -> None:
    assert _lines(text) == [line]


@pytest.mark.parametrize("text", [
    _LINKED.replace("def renew", "@transaction.atomic\ndef renew").replace(
        "from billing", "from django.db import transaction\nfrom billing"),
    _COUNTER.replace("    Transfer.objects", "    with transaction.atomic():\n        Transfer.objects").replace(
        "    Wallet.objects", "        Wallet.objects"),
    # the caller holds the transaction
    _LINKED + "\n\ndef renew_all(accounts):\n    with transaction.atomic():\n        for a in accounts:\n"
              "            renew(a)\n",
    # two writes that do not depend on each other
    """from audit.models import Visit


def touch(profile):
    profile.save()
    Visit.objects.create(path="/profile")
""",
])
def test_atomic_or_unrelated_writes_are_quiet(text: str) -> None:
    assert _lines(text) == []


@pytest.mark.parametrize("path", ["billing/migrations/0007_backfill.py", "billing/tests/test_renew.py",
                                  "billing/management/commands/renew.py", "app/bgtasks/dummy_data_task.py",
                                  "app/demo/loader.py"])
def test_migrations_tests_and_commands_are_left_alone(path: str) -> None:
    assert _lines(_LINKED, path) == []


@pytest.mark.parametrize("text", [
    # a second write to the row just made is no second row
    """from shop.models import Order


def place(cart):
    order = Order.objects.create(customer=cart.customer)
    Order.objects.filter(id=order.id).update(created_date=cart.opened_at)
""",
    # get_or_create / update_or_create converge when run again
    """from shop.models import Customer, Address


def ensure(email, street):
    customer, _ = Customer.objects.get_or_create(email=email)
    Address.objects.update_or_create(customer=customer, defaults={"street": street})
""",
    # a project's own atomic wrapper
    """from shop.models import Order, Payment


@traced_atomic_transaction()
def pay(cart):
    order = Order.objects.create(customer=cart.customer)
    Payment.objects.create(order=order, amount=cart.total)
""",
])
def test_own_row_follow_ups_idempotent_upserts_and_wrappers_are_quiet(text: str) -> None:
    assert _lines(text) == []
