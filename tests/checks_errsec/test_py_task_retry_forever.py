"""PY-TASK-RETRY-FOREVER: a Celery task that retries every error with no cap, on snippets written here."""

from __future__ import annotations

import textwrap

import pytest

from .helpers import findings_of


def _lines(source: str) -> list[int]:
    text = textwrap.dedent(source).lstrip("\n")
    return sorted(line for line, rule in findings_of("app/jobs/tasks.py", text) if rule == "PY-TASK-RETRY-FOREVER")


@pytest.mark.parametrize("settings", [
    "autoretry_for=(Exception,), max_retries=None",
    "autoretry_for=[BaseException], retry_backoff=True, max_retries=None",
    'autoretry_for=(IOError, Exception), retry_kwargs={"max_retries": None}',
])
def test_every_error_retried_without_a_cap_is_reported(settings: str) -> None:
    assert _lines(f"""
        @app.task(bind=True, {settings})
        def export(self, batch_id):
            push(batch_id)
        """) == [1]


@pytest.mark.parametrize("settings", [
    "autoretry_for=(Exception,), max_retries=10",
    "autoretry_for=(requests.ConnectionError,), max_retries=None",
    "max_retries=None",
])
def test_a_cap_or_named_transient_errors_are_quiet(settings: str) -> None:
    assert _lines(f"""
        @shared_task(bind=True, {settings})
        def export(self, batch_id):
            push(batch_id)
        """) == []


def test_a_task_class_with_the_same_attributes_is_reported() -> None:
    assert _lines("""
        class ExportTask(celery.Task):
            autoretry_for = (Exception,)
            max_retries = None
            retry_backoff = True
        """) == [3]


def test_max_retries_none_outside_a_task_is_quiet() -> None:
    assert _lines("""
        autoretry_for = (Exception,)
        settings = dict(max_retries=None)
        """) == []
