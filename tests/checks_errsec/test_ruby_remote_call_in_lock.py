"""RB-REMOTE-CALL-IN-LOCK: a call to another service made while a row lock (`with_lock`, or `lock!` in a
transaction) is held."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-REMOTE-CALL-IN-LOCK"


def _found(text: str) -> list[tuple[int, int | None]]:
    ctx = context_for_text("app/models/wallet.rb", text)
    return sorted((f.line or 0, f.end_line) for f in run_checks([ctx]).findings if f.rule_id == RULE)


_WITH_LOCK = """class Wallet < ApplicationRecord
  def refresh!
    with_lock do
      %s
      update!(synced_at: Time.current)
    end
  end
end
"""


@pytest.mark.parametrize("call", [
    "rate = LedgerApi::Client.new(api_token).rate(currency)",
    'response = Faraday.get("https://rates.example.com/#{currency}")',
    "body = Net::HTTP.get(URI(rates_url))",
    "customer = Stripe::Customer.retrieve(stripe_id)",
    "data = HTTParty.get(rates_url, timeout: 5)",
    "quote = PricingApi.fetch(currency)",
])
def test_a_remote_call_inside_with_lock_is_reported_on_the_lock(call: str) -> None:
    assert _found(_WITH_LOCK % call) == [(3, 4)]


@pytest.mark.parametrize("call", [
    "self.balance_cents = ledger_entries.sum(:amount_cents)",
    "rate = Rate.find_by!(currency: currency)",
    "HTTParty.post(hook_url, body: to_json)",  # a write: ANY-SIDE-EFFECT-IN-TX reports it
    "after_commit { Faraday.get(ping_url) }",
])
def test_database_work_and_writes_reported_elsewhere_are_left_alone(call: str) -> None:
    assert _found(_WITH_LOCK % call) == []


def test_a_lock_taken_in_a_transaction_counts_from_the_lock_on() -> None:
    code = """class Transfer
  def run
    Account.transaction do
      rate = FxApi::Client.new.rate(:eur)
      account = Account.lock.find(account_id)
      quote = FxApi::Client.new.quote(account.currency)
      account.update!(balance: account.balance - quote.amount)
    end
    FxApi::Client.new.confirm(id)
  end
end
"""
    assert _found(code) == [(5, 6)]


def test_a_hunk_inside_an_unchanged_lock_reports_the_call() -> None:
    lines = {10: "    with_lock do", 11: "      rate = LedgerApi::Client.new(api_token).rate(currency)",
             12: "      update!(rate: rate)", 13: "    end"}
    ctx = FileContext("app/models/wallet.rb", "ruby", lines, frozenset({11}), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [11]
