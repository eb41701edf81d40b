"""PY-FAILURE-RESULT-IGNORED: a call that drops the False a same-file helper answers on failure, on
snippets written for these tests."""

from __future__ import annotations

import textwrap

import pytest

from .helpers import findings_of

_HELPER = """
class Mailer:
    def send(self, message):
        try:
            self.smtp.send_message(message)
        except SMTPException:
            log.warning("send failed")
            return False
        return True

    def notify(self, user):
        {call}
        return "sent"
"""


def _lines(source: str) -> list[int]:
    text = textwrap.dedent(source).lstrip("\n")
    return sorted(line for line, rule in findings_of("app/mail.py", text) if rule == "PY-FAILURE-RESULT-IGNORED")


@pytest.mark.parametrize("call", ["self.send(build(user))", "self.send(\n            build(user),\n        )"])
def test_a_dropped_result_is_reported(call: str) -> None:
    assert _lines(_HELPER.format(call=call)) == [11]


@pytest.mark.parametrize("call", ["ok = self.send(build(user))", "assert self.send(build(user))",
                                  "self.send(build(user)) or retry(user)", "return self.send(build(user))",
                                  "results.append(self.send(build(user)))"])
def test_a_result_that_is_read_is_quiet(call: str) -> None:
    assert _lines(_HELPER.format(call=call)) == []


def test_a_helper_that_answers_false_for_other_reasons_is_quiet() -> None:
    assert _lines("""
        def allowed(user):
            if user.banned:
                return False
            return True


        def touch(user):
            allowed(user)
        """) == []


LOGGED = """import logging

logger = logging.getLogger(__name__)


def log_to_mongo(doc) -> bool:
    try:
        collection.insert_one(doc)
        return True
    except Exception as e:
        log_exception(e)
        return False


def save_silently(doc) -> bool:
    try:
        collection.insert_one(doc)
        return True
    except Exception:
        return False


@shared_task
def process_logs(doc, use_mongo):
    if use_mongo:
        log_to_mongo(doc)
    else:
        save_silently(doc)


def record(doc):
    log_to_mongo(doc)
    return {"ok": True}
"""


def test_a_logging_helper_called_last_is_quiet_but_a_silent_one_or_one_followed_by_more_is_not() -> None:
    lines = {line for line, rule in findings_of("app/tasks/logger_task.py", LOGGED)
             if rule == "PY-FAILURE-RESULT-IGNORED"}
    source = LOGGED.splitlines()
    assert {source[n - 1].strip() for n in lines} == {"save_silently(doc)", "log_to_mongo(doc)"}
    assert len(lines) == 2 and 26 not in lines
