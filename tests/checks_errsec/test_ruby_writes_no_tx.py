"""RB-WRITES-NO-TX: Active Record writes that belong together, made one by one outside a transaction, on
services written for these tests."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import findings_of

RULE = "RB-WRITES-NO-TX"

_LINKED = """module Billing
  class RenewPlan
    def initialize(account)
      @account = account
    end

    def call
      invoice = Invoice.create!(account: @account, total_cents: @account.plan.price_cents)
      @account.update!(renewed_at: Time.current)
      LedgerEntry.create!(invoice: invoice, amount_cents: invoice.total_cents)
    end
  end
end
"""

_COUNTER = """class TransferCredits
  def call(from, to, amount)
    from.update!(credits: from.credits - amount)
    to.update!(credits: to.credits + amount)
  end
end
"""

_STOCK = """class ReserveSeat
  def call(event, user)
    Ticket.create!(event: event, user: user)
    event.decrement!(:seats_left)
  end
end
"""


def _lines(text: str, path: str = "app/services/billing/renew_plan.rb") -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


@pytest.mark.parametrize(("text", "line"), [(_LINKED, 8), (_COUNTER, 3), (_STOCK, 3)])
def test_writes_that_belong_together_outside_a_transaction_are_reported(text: str, line: int) -> None:
    assert _lines(text) == [line]


@pytest.mark.parametrize("text", [
    _LINKED.replace("    def call\n", "    def call\n      ActiveRecord::Base.transaction do\n").replace(
        "total_cents)\n    end", "total_cents)\n      end\n    end"),
    _COUNTER.replace("    from.update!", "    from.with_lock do\n    from.update!").replace(
        "+ amount)\n", "+ amount)\n    end\n"),
    # two writes that do not depend on each other
    """class TouchProfile
  def call(user)
    user.update!(seen_at: Time.current)
    Visit.create!(path: "/profile")
  end
end
""",
    # the caller in the file holds the transaction
    """class RenewAll
  def run
    Account.transaction do
      renew(Account.first)
    end
  end

  def renew(account)
    invoice = Invoice.create!(account: account)
    LedgerEntry.create!(invoice: invoice)
  end
end
""",
])
def test_a_transaction_or_unrelated_writes_are_quiet(text: str) -> None:
    assert _lines(text) == []


@pytest.mark.parametrize("path", ["db/seeds.rb", "spec/services/renew_plan_spec.rb", "app/views/x.rb",
                                  "app/models/demo/generator.rb", "app/services/sample_data_loader.rb"])
def test_seeds_specs_and_other_folders_are_left_alone(path: str) -> None:
    assert _lines(_LINKED, path) == []


def test_a_mongoid_document_is_left_alone_and_its_active_record_twin_is_reported() -> None:
    mongoid = _LINKED.replace("  class RenewPlan\n", "  class RenewPlan\n    include Mongoid::Document\n")
    assert _lines(mongoid) == []
    assert _lines(_LINKED) != []


def test_a_hunk_inside_a_method_named_by_its_header_is_read_to_the_methods_end() -> None:
    diff = (
        "diff --git a/app/services/renew.rb b/app/services/renew.rb\n--- a/app/services/renew.rb\n"
        "+++ b/app/services/renew.rb\n"
        "@@ -5,4 +5,6 @@ def call\n"
        "       raise Closed if @account.closed?\n"
        "+      invoice = Invoice.create!(account: @account)\n"
        "+      LedgerEntry.create!(invoice: invoice)\n"
        "       @account\n"
        "     end\n"
        "   end\n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    found = [f for f in run_checks(contexts).findings if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in found] == [(6, 7)]


@pytest.mark.parametrize("text", [
    # the transaction is two calls up, in the same file
    """class Consume
  def call
    ApplicationRecord.transaction do
      consume_all
    end
  end

  private

  def consume_all
    items.each { |item| consume(item) }
  end

  def consume(item)
    Usage.create!(item: item)
    item.decrement!(:left)
  end
end
""",
    # an attempt counter bumped before the work is meant to stay
    """class ChargeInvoice
  def call(invoice)
    invoice.update!(attempts: invoice.attempts + 1)
    charge = Charge.create!(invoice: invoice)
    charge.save!
  end
end
""",
    # a record created and then saved again is one row, not two
    """class LinkCustomer
  def call
    link = CustomerLink.create!(customer: customer)
    link.external_id = external_id
    link.save!
  end
end
""",
])
def test_a_caller_s_transaction_an_attempt_counter_or_one_row_is_quiet(text: str) -> None:
    assert _lines(text) == []


_MODEL = """class Offer < ApplicationRecord
  after_create :open_thread

  def accept!(buyer)
    update!(status: :accepted)
    order = Order.create!(offer: self, buyer: buyer)
    Payout.create!(order: order, seller: seller)
  end

  private

  def open_thread
    thread = Thread.create!(offer: self)
    record_opening(thread)
  end

  def record_opening(thread)
    thread = Thread.create!(offer: self)
    Message.create!(thread: thread, body: "opened")
  end
end
"""


def test_a_model_method_is_read_and_its_callbacks_are_left_alone() -> None:
    assert _lines(_MODEL, "app/models/offer.rb") == [6]


_SAME_ROW = """class CountMessage
  def call(scope)
    Statistic.global.increment!(:total_messages)
    Statistic.global.increment!("total_#{scope}".to_sym)
  end
end
"""


def test_counters_moved_on_one_row_are_quiet_and_on_two_rows_are_reported() -> None:
    assert _lines(_SAME_ROW) == []
    two_rows = _SAME_ROW.replace('    Statistic.global.increment!("total_', '    Statistic.daily.increment!("total_')
    assert _lines(two_rows) == [3]
    hit = next(f for f in run_checks([context_for_text("app/services/count_message.rb", two_rows)]).findings
               if f.rule_id == RULE)
    assert "`Statistic.global.increment!`" in hit.body
