"""PY-LOCK-OUTSIDE-TX: a Django `select_for_update()` queryset evaluated outside `transaction.atomic`."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-LOCK-OUTSIDE-TX"
PATH = "billing/services/vouchers.py"


def _lines(text: str, path: str = PATH) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


_REDEEM = """from django.db import transaction

from billing.models import Voucher


def redeem(code: str, user_id: int) -> Voucher:
    voucher = %s
    if voucher.used >= voucher.limit:
        raise VoucherExhausted(code)
    voucher.used += 1
    voucher.save(update_fields=["used"])
    return voucher
"""


@pytest.mark.parametrize("query", [
    "Voucher.objects.select_for_update().get(code=code)",
    "Voucher.objects.select_for_update(nowait=True).filter(code=code).first()",
    "Voucher.objects.filter(code=code).select_for_update(of=(\"self\",)).get()",
])
def test_a_locked_read_modify_write_without_atomic_is_reported(query: str) -> None:
    assert _lines(_REDEEM % query) == [7]


def test_the_same_inside_atomic_is_left_alone() -> None:
    text = """from django.db import transaction


def redeem(code: str, user_id: int) -> Voucher:
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(code=code)
        voucher.used += 1
        voucher.save(update_fields=["used"])
    return voucher
"""
    assert _lines(text) == []


@pytest.mark.parametrize("decorator", ["@transaction.atomic", "@atomic", "@transaction.atomic(using=\"billing\")"])
def test_an_atomic_function_is_left_alone(decorator: str) -> None:
    text = (_REDEEM % "Voucher.objects.select_for_update().get(code=code)").replace(
        "def redeem", f"{decorator}\ndef redeem")
    assert _lines(text) == []


def test_a_loop_over_locked_rows_in_a_celery_task_is_reported() -> None:
    text = """from celery import shared_task


@shared_task
def expire_holds() -> None:
    for hold in Hold.objects.select_for_update(skip_locked=True).filter(expires_at__lt=now()):
        hold.status = Hold.EXPIRED
        hold.save(update_fields=["status"])
"""
    assert _lines(text, "inventory/tasks.py") == [6]


def test_a_queryset_built_but_not_evaluated_is_left_alone() -> None:
    text = """def locked_vouchers(codes):
    qs = Voucher.objects.select_for_update().filter(code__in=codes)
    Voucher.objects.filter(expired=True).delete()
    return qs
"""
    assert _lines(text) == []


def test_a_locked_read_with_no_write_after_it_is_left_alone() -> None:
    text = """def voucher_for(code):
    return Voucher.objects.select_for_update().get(code=code)
"""
    assert _lines(text) == []


def test_views_are_left_alone_since_atomic_requests_may_wrap_them() -> None:
    text = """def redeem_view(request, code):
    voucher = Voucher.objects.select_for_update().get(code=code)
    voucher.used += 1
    voucher.save()
    return JsonResponse({"ok": True})


class RedeemView(APIView):
    def perform(self, code):
        voucher = Voucher.objects.select_for_update().get(code=code)
        voucher.used += 1
        voucher.save()
"""
    assert _lines(text, "billing/views.py") == []


def test_a_hunk_with_its_def_is_reported() -> None:
    hunk = """

def release_seat(seat_id: int) -> None:
    seat = Seat.objects.select_for_update().get(pk=seat_id)
    seat.held_by = None
    seat.save(update_fields=["held_by"])
"""
    lines = {118 + i: line for i, line in enumerate(hunk.splitlines())}
    ctx = FileContext("events/services.py", "python", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [121]


def test_a_hunk_without_its_def_is_left_alone() -> None:
    hunk = """    seat = Seat.objects.select_for_update().get(pk=seat_id)
    seat.held_by = None
    seat.save(update_fields=["held_by"])
"""
    lines = {121 + i: line for i, line in enumerate(hunk.splitlines())}
    ctx = FileContext("events/services.py", "python", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == []


def test_a_locked_queryset_assigned_then_iterated_is_reported() -> None:
    text = """def release_expired(now):
    expired = Reservation.objects.select_for_update().filter(expires_at__lt=now)
    for reservation in expired:
        reservation.status = "released"
        reservation.save(update_fields=["status"])
"""
    assert _lines(text, "bookings/services.py") == [2]
    atomic = text.replace("def release_expired(now):\n", "def release_expired(now):\n    with transaction.atomic():\n")
    atomic = atomic.replace("\n    ", "\n        ").replace("        with transaction", "    with transaction")
    assert _lines(atomic, "bookings/services.py") == []
