# want: PY-EXCEPT-PASS
from contextlib import suppress


def charge_all(invoices):
    for inv in invoices:
        with suppress(Exception):
            gateway.charge(inv.customer_id, inv.amount)
            inv.mark_paid()
