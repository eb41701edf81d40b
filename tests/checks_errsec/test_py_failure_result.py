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
