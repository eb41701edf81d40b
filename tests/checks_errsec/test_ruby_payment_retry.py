"""RB-PAYMENT-RETRY-NO-IDEMPOTENCY: a Stripe charge created without an idempotency key in a job that is
retried."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-PAYMENT-RETRY-NO-IDEMPOTENCY"
RULES = {RULE, "ANY-RETRY-NON-IDEMPOTENT"}
"""Where ANY-RETRY-NON-IDEMPOTENT reports the file's retried payment (on the retry's declaration), this
check stays quiet: the retried charge gets one finding from one of the two."""

_SIDEKIQ = """class TopUpWorker
  include Sidekiq::Job
  %s

  def perform(wallet_id, period)
    wallet = Wallet.find(wallet_id)
    payment = %s
    wallet.update!(last_payment_id: payment.id)
  end
end
"""
_ACTIVE_JOB = """class TopUpJob < ApplicationJob
  %s

  def perform(wallet_id, period)
    wallet = Wallet.find(wallet_id)
    payment = %s
    wallet.update!(last_payment_id: payment.id)
  end
end
"""
CHARGE = "Stripe::PaymentIntent.create(amount: wallet.top_up_cents, currency: 'eur', confirm: true)"
KEYED = ("Stripe::PaymentIntent.create({ amount: wallet.top_up_cents, currency: 'eur' }, "
         "{ idempotency_key: \"top-up-#{wallet_id}-#{period}\" })")


def _lines(template: str, options: str, call: str, path: str = "app/jobs/top_up.rb",
           rules: frozenset[str] | set[str] = RULES) -> list[int]:
    ctx = context_for_text(path, template % (options, call))
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id in rules)


@pytest.mark.parametrize("call", [
    CHARGE,
    "Stripe::Charge.create(customer: wallet.customer_id, amount: 500, currency: 'eur')",
    "Stripe::Transfer.create(amount: 500, currency: 'eur', destination: wallet.account_id)",
    "Stripe::Refund.create(payment_intent: wallet.last_payment_id, amount: 200)",
])
def test_a_charge_in_a_retried_sidekiq_job_without_a_key_is_reported(call: str) -> None:
    # one finding: ANY-RETRY-NON-IDEMPOTENT's, on the job's declaration (Sidekiq retries by default)
    assert _lines(_SIDEKIQ, "sidekiq_options queue: :billing", call) == [2]


def test_an_active_job_is_retried_only_with_retry_on() -> None:
    assert _lines(_ACTIVE_JOB, "retry_on Stripe::APIConnectionError, attempts: 5", CHARGE) == [2]
    assert _lines(_ACTIVE_JOB, "queue_as :billing", CHARGE) == []


@pytest.mark.parametrize(("options", "call"), [
    ("sidekiq_options queue: :billing", KEYED),
    ("sidekiq_options retry: false", CHARGE),
    ("sidekiq_options queue: :billing, retry: 0", CHARGE),
    ("sidekiq_options queue: :billing", "Stripe::Refund.create(charge: wallet.last_charge_id)"),
    ("sidekiq_options queue: :billing", "Stripe::PaymentIntent.capture(wallet.intent_id)"),
    ("sidekiq_options queue: :billing", "Stripe::Customer.create(email: wallet.email)"),
])
def test_keys_no_retries_full_refunds_and_repeat_safe_calls_are_left_alone(options: str, call: str) -> None:
    assert _lines(_SIDEKIQ, options, call, rules={RULE}) == []


def test_a_charge_outside_a_job_is_left_alone() -> None:
    code = "class DonationsController < ApplicationController\n  def create\n    " + CHARGE + "\n  end\nend\n"
    assert sorted(f.line or 0 for f in run_checks([context_for_text(
        "app/controllers/donations_controller.rb", code)]).findings if f.rule_id == RULE) == []


def test_a_hunk_inside_a_job_reads_retry_on_from_its_known_lines() -> None:
    lines = {5: "  retry_on Stripe::APIConnectionError, attempts: 8", 6: "", 7: "  def perform(sub_id)",
             8: "    sub = Subscription.find(sub_id)", 9: f"    charge = {CHARGE}", 10: "  end"}
    job = FileContext("app/jobs/charge_job.rb", "ruby", lines, frozenset({8, 9}), whole_file=False)
    service = FileContext("app/services/charge.rb", "ruby", lines, frozenset({8, 9}), whole_file=False)
    assert [f.line for f in run_checks([job]).findings if f.rule_id in RULES] == [9]
    assert [f.line for f in run_checks([service]).findings if f.rule_id == RULE] == []
