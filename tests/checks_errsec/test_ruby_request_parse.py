"""A parse of the request body whose failure a `rescue` modifier turns into an empty value: the malformed
payload is then handled as if it were valid (and, for a webhook, acknowledged)."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_CONTROLLER = """class Webhooks::ShippingController < ApplicationController
  def create
    payload = %s
    Shipment.find_by(tracking_number: payload["tracking_number"])&.update(status: payload["status"])
    head :ok
  end
end
"""


def _lines(expression: str) -> list[int]:
    ctx = context_for_text("app/controllers/webhooks/shipping_controller.rb", _CONTROLLER % expression)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == "RB-RESCUE-MODIFIER"]


@pytest.mark.parametrize("expression", ["JSON.parse(request.raw_post) rescue {}",
                                        "JSON.parse(request.body.read) rescue nil",
                                        "JSON.parse(params[:payload]) rescue {}"])
def test_a_request_body_parsed_with_a_rescue_modifier_is_reported(expression: str) -> None:
    assert _lines(expression) == [3]


@pytest.mark.parametrize("expression", ["JSON.parse(request.raw_post)",
                                        "JSON.parse(settings.json_blob) rescue {}",
                                        "Integer(params[:page]) rescue 1"])
def test_a_plain_parse_or_a_parse_of_own_data_is_left_alone(expression: str) -> None:
    assert _lines(expression) == []
