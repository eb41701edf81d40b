"""RB-FAILURE-RESULT-IGNORED: a call that drops the false a same-file method answers on failure, on code
written for these tests."""

from __future__ import annotations

import pytest

from .helpers import findings_of

_SERVICE = """class Invoicing
  def issue(order)
    {call}
    order.update!(invoiced: true)
  end

  def deliver(invoice)
    Mailer.invoice(invoice).deliver_now
    true
  rescue Net::SMTPError => e
    Rails.logger.error(e.message)
    false
  end
end
"""


def _lines(call: str) -> list[int]:
    return sorted(line for line, rule in findings_of("app/services/invoicing.rb", _SERVICE.format(call=call))
                  if rule == "RB-FAILURE-RESULT-IGNORED")


@pytest.mark.parametrize("call", ["deliver(order.invoice)", "deliver order.invoice", "self.deliver(order.invoice)"])
def test_a_dropped_result_is_reported(call: str) -> None:
    assert _lines(call) == [3]


@pytest.mark.parametrize("call", ["sent = deliver(order.invoice)", "return unless deliver(order.invoice)",
                                  "deliver(order.invoice) or raise 'not sent'",
                                  "raise 'not sent' unless deliver(order.invoice)"])
def test_a_result_that_is_read_is_quiet(call: str) -> None:
    assert _lines(call) == []


def test_a_method_answering_false_for_other_reasons_is_quiet() -> None:
    code = """class Gate
  def open(user)
    allowed?(user)
    user.touch
  end

  def allowed?(user)
    return false if user.banned?
    true
  end
end
"""
    assert [r for _, r in findings_of("app/models/gate.rb", code) if r == "RB-FAILURE-RESULT-IGNORED"] == []
