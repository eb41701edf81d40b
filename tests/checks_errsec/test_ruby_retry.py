"""RB-RETRY-UNBOUNDED: `retry` with no attempt limit, in snippets written for these tests, and the ways
real code bounds it."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

RULE = "RB-RETRY-UNBOUNDED"
PATH = "app/services/billing/charge.rb"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def test_a_bare_retry_after_a_network_error_is_reported() -> None:
    code = (
        "class Charge\n"
        "  def call(order)\n"
        "    begin\n"
        "      gateway.charge(order.total)\n"
        "    rescue Net::ReadTimeout, Gateway::Unavailable => e\n"
        "      Rails.logger.warn(\"charge failed: #{e.message}\")\n"
        "      sleep 1\n"
        "      retry\n"                                   # 8
        "    end\n"
        "  end\n"
        "\n"
        "  def refresh_token\n"
        "    client.refresh!\n"
        "  rescue OAuth2::Error\n"
        "    retry if token_expired?\n"                  # 15
        "  end\n"
        "end\n"
    )
    assert _lines(code) == [8, 15]


def test_retries_with_a_counter_or_a_conditional_raise_are_quiet() -> None:
    code = (
        "class Charge\n"
        "  def a\n"
        "    attempts = 0\n"
        "    begin\n"
        "      gateway.charge\n"
        "    rescue Net::ReadTimeout\n"
        "      attempts += 1\n"
        "      retry if attempts < 3\n"
        "      raise\n"
        "    end\n"
        "  end\n"
        "  def b\n"
        "    tries = 3\n"
        "    begin\n"
        "      gateway.charge\n"
        "    rescue Net::ReadTimeout\n"
        "      retry unless (tries -= 1).zero?\n"
        "      raise\n"
        "    end\n"
        "  end\n"
        "  def c\n"
        "    gateway.charge\n"
        "  rescue Net::ReadTimeout => e\n"
        "    raise e if @retried\n"
        "    @retried = true\n"
        "    retry\n"
        "  end\n"
        "  def d\n"
        "    Subscription.create!(user: user)\n"
        "  rescue ActiveRecord::RecordNotUnique\n"
        "    retry\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == []


def test_tests_are_left_alone_and_a_hunk_is_enough() -> None:
    code = "def flaky\n  run\nrescue Timeout::Error\n  retry\nend\n"
    assert _lines(code, "spec/support/flaky.rb") == []
    diff = (
        "diff --git a/app/jobs/sync_job.rb b/app/jobs/sync_job.rb\n"
        "--- a/app/jobs/sync_job.rb\n"
        "+++ b/app/jobs/sync_job.rb\n"
        "@@ -10,3 +10,6 @@ class SyncJob < ApplicationJob\n"
        "   def perform(id)\n"
        "     Remote.pull(id)\n"
        "+  rescue Faraday::ConnectionFailed\n"
        "+    sleep 2\n"
        "+    retry\n"
        "   end\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == RULE] == [(14, RULE)]
