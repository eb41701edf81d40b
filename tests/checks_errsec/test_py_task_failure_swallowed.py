"""PY-TASK-FAILURE-SWALLOWED: Celery tasks configured to retry whose `except` logs the failure and ends the
task normally, written for these tests, with the handlers that raise, retry, or catch what the task does
not retry."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-TASK-FAILURE-SWALLOWED"
PATH = "billing/tasks.py"


def _lines(text: str) -> list[tuple[int, int | None]]:
    return [(f.line or 0, f.end_line) for f in run_checks([context_for_text(PATH, text)]).findings
            if f.rule_id == RULE]


def _hunk_lines(text: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "python", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_TASK = """from celery import shared_task


{decorator}
def sync_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        remote = erp_client.push_invoice(invoice.to_erp())
    except {caught} as exc:
        {handler}
    invoice.erp_ref = remote["id"]
    invoice.save(update_fields=["erp_ref"])
"""


@pytest.mark.parametrize(("decorator", "caught", "handler"), [
    ("@shared_task(bind=True, max_retries=5, default_retry_delay=30)", "ErpError",
     'logger.warning("push failed: %s", exc)\n        return {"status": "failed"}'),
    ("@app.task(bind=True, retry_backoff=True, max_retries=3)", "Exception",
     'logger.exception("push failed")\n        return None'),
    ("@celery_app.task(autoretry_for=(ErpError, TimeoutError), retry_backoff=True)", "ErpError",
     'log.error("push failed for %s", invoice_id)\n        return False'),
])
def test_a_retrying_task_that_logs_and_returns_is_reported(decorator: str, caught: str, handler: str) -> None:
    found = _lines(_TASK.format(decorator=decorator, caught=caught, handler=handler))
    assert [line for line, _ in found] == [9]
    assert found[0][1] == 11


@pytest.mark.parametrize(("decorator", "caught", "handler"), [
    ("@shared_task(bind=True, max_retries=5)", "ErpError",
     'logger.warning("push failed: %s", exc)\n        raise self.retry(exc=exc)'),
    ("@shared_task(bind=True, max_retries=5)", "ErpError", 'logger.error("push failed")\n        raise'),
    ("@shared_task", "ErpError", 'logger.warning("push failed")\n        return {"status": "failed"}'),
    ("@shared_task(bind=True, max_retries=5)", "Invoice.DoesNotExist", 'logger.warning("gone")\n        return'),
    ("@shared_task(autoretry_for=(requests.RequestException,), max_retries=3)", "CommandError",
     'logger.error("server incompatible")\n        return'),
    ("@shared_task(bind=True, max_retries=5)", "ErpError", "remote = {'id': None}"),
])
def test_raised_retried_unretried_or_tolerated_failures_stay_quiet(decorator: str, caught: str,
                                                                   handler: str) -> None:
    assert _lines(_TASK.format(decorator=decorator, caught=caught, handler=handler)) == []


def test_a_handler_inside_a_loop_over_items_stays_quiet() -> None:
    code = """@shared_task(bind=True, max_retries=3)
def sync_all(self, ids):
    for invoice_id in ids:
        try:
            push(invoice_id)
        except ErpError:
            logger.error("one invoice failed: %s", invoice_id)
"""
    assert _lines(code) == []


def test_a_hunk_with_the_decorator_in_view_is_read() -> None:
    hunk = """@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def sync_invoice(self, invoice_id: int) -> dict:
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        remote = erp_client.push_invoice(invoice.to_erp())
    except ErpError as exc:
        logger.warning("ERP push failed for invoice %s: %s", invoice_id, exc)
        return {"invoice": invoice_id, "status": "failed"}
    invoice.erp_ref = remote["id"]
"""
    assert _hunk_lines(hunk, 34) == [39]
    assert _hunk_lines("\n".join(hunk.splitlines()[2:]), 36) == []  # the decorator is out of view


_BOUND_BODY = """    rows = load_rows(day)
    try:
        ref = ledger.push(rows)
    except LedgerError:
        log.error("ledger push failed for %s", day)
        return {"day": day, "pushed": 0}
    mark_pushed(day, ref)
"""


def _section_lines(path: str, section: str) -> list[int]:
    lines = {40 + i: line for i, line in enumerate(_BOUND_BODY.splitlines())}
    ctx = FileContext(path, "python", lines, frozenset(lines), whole_file=False, sections={40: section})
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


def test_a_bound_task_whose_decorator_is_above_the_hunk_is_judged() -> None:
    assert _section_lines("ledger/tasks.py", "def push_day(self, day):") == [43]
    assert _section_lines("ledger/tasks/push.py", "def push_day(self, day: str) -> dict:") == [43]


@pytest.mark.parametrize(("path", "section"), [
    ("ledger/tasks.py", "def push_day(day):"),
    ("ledger/tasks.py", "    def push_day(self, day):"),
    ("ledger/services.py", "def push_day(self, day):"),
    ("ledger/tasks.py", ""),
])
def test_a_plain_function_a_method_or_another_module_is_left_alone(path: str, section: str) -> None:
    assert _section_lines(path, section) == []
