"""RB-RETRY-ON-ALL-FOREVER: an Active Job class that retries every error with no limit on attempts."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-RETRY-ON-ALL-FOREVER"

_JOB = """class SyncMailboxJob < ApplicationJob
  queue_as :default
  %s

  def perform(mailbox_id)
    Mailbox.find(mailbox_id).sync!
  end
end
"""


def _lines(declaration: str) -> list[int]:
    ctx = context_for_text("app/jobs/sync_mailbox_job.rb", _JOB % declaration)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE)


@pytest.mark.parametrize("declaration", [
    "retry_on StandardError, wait: :polynomially_longer, attempts: :unlimited",
    "retry_on ::StandardError, attempts: :unlimited",
    "retry_on Net::ReadTimeout, Exception, attempts: :unlimited, wait: 30.seconds",
    "retry_on(StandardError, attempts: :unlimited)",
])
def test_every_error_retried_without_end_is_reported(declaration: str) -> None:
    assert _lines(declaration) == [3]


@pytest.mark.parametrize("declaration", [
    "retry_on StandardError, wait: :polynomially_longer, attempts: 5",
    "retry_on StandardError",
    "retry_on Net::ReadTimeout, Faraday::ServerError, attempts: :unlimited",
    "discard_on StandardError",
    "# retry_on StandardError, attempts: :unlimited",
])
def test_bounded_attempts_and_named_errors_are_left_alone(declaration: str) -> None:
    assert _lines(declaration) == []
