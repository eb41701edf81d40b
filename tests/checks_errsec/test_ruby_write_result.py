"""RB-WRITE-RESULT-IGNORED: non-bang ActiveRecord writes whose false nobody reads, in controllers, jobs and
service objects written for these tests, with the shapes that do read the outcome."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

RULE = "RB-WRITE-RESULT-IGNORED"
CONTROLLER = "app/controllers/orders_controller.rb"


def _lines(code: str, path: str = CONTROLLER) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _controller(*body: str) -> str:
    lines = "".join(f"  {line}\n" for line in body)
    return f"class OrdersController < ApplicationController\n{lines}end\n"


def test_writes_used_as_statements_in_actions_are_reported() -> None:
    code = _controller(
        "def update",                                            # 2
        "  @order = Order.find(params[:id])",
        "  @order.update(order_params)",                         # 4
        "  redirect_to @order, notice: 'Saved'",
        "end",
        "",
        "def archive",                                           # 8
        "  order = Order.find(params[:id])",
        "  order.archived_at = Time.current",
        "  order.save",                                          # 11
        "  AuditEntry.create(order: order, action: 'archive')",  # 12
        "  redirect_to orders_path",
        "end",
        "",
        "def touch_all",                                         # 16
        "  Order.where(stale: true).find_each { |o| o.update(stale: false) }",   # 17
        "  head :no_content",
        "end",
        "",
        "def mark_seen",                                         # 21
        "  current_user.notifications.create(kind: 'seen')",     # 22
        "end",
    )
    assert _lines(code) == [4, 11, 12, 17, 22]


def test_jobs_and_service_objects_are_read_too() -> None:
    job = (
        "class SyncInvoiceJob < ApplicationJob\n"
        "  def perform(invoice_id)\n"
        "    invoice = Invoice.find(invoice_id)\n"
        "    invoice.update(synced_at: Time.current)\n"       # 4
        "  end\n"
        "end\n"
    )
    assert _lines(job, "app/jobs/sync_invoice_job.rb") == [4]
    service = (
        "module Billing\n"
        "  class Refund\n"
        "    def call(payment)\n"
        "      ApplicationRecord.transaction do\n"
        "        payment.update(state: 'refunded')\n"          # 5
        "        payment.order.update(paid: false)\n"          # 6
        "      end\n"
        "      payment\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    assert _lines(service, "app/services/billing/refund.rb") == [5, 6]


def test_writes_whose_outcome_is_read_are_quiet() -> None:
    code = _controller(
        "def create",
        "  @order = Order.new(order_params)",
        "  if @order.save",
        "    redirect_to @order",
        "  else",
        "    render :new, status: :unprocessable_entity",
        "  end",
        "end",
        "def update",
        "  @order.update(order_params) or return render(:edit)",
        "  ok = @order.update(note: params[:note])",
        "  return head(:unprocessable_entity) unless @order.update(state: 'open')",
        "  @order.save!",
        "  @order.update!(state: 'open')",
        "  Order.create!(number: 'x')",
        "  @order.update_column(:state, 'open')",
        "  @order.update_columns(state: 'open')",
        "  @order.save(validate: false)",
        "  redirect_to @order",
        "end",
        "def duplicate",
        "  copy = @order.dup",
        "  copy.save",
        "  copy.persisted? ? redirect_to(copy) : render(:edit)",
        "end",
        "def api_update",
        "  @order.update(order_params)",
        "  respond_with(@order)",
        "end",
        "",
        "private",
        "",
        "def persist(order)",
        "  order.save",
        "end",
        "def remember(key)",
        "  limiter.update(request.remote_ip)",
        "  options.update(key => true)",
        "  head :ok",
        "end",
    )
    assert _lines(code) == []


def test_code_outside_controllers_jobs_and_services_is_left_alone() -> None:
    model = (
        "class Order < ApplicationRecord\n"
        "  def close!\n"
        "    items.each { |i| i.update(open: false) }\n"
        "    update(open: false)\n"
        "    save\n"
        "  end\n"
        "end\n"
    )
    assert _lines(model, "app/models/order.rb") == []
    spec = _controller("def update", "  @order.update(order_params)", "  head :ok", "end")
    assert _lines(spec, "spec/controllers/orders_controller_spec.rb") == []


def test_a_hunk_inside_an_action_is_enough() -> None:
    diff = (
        "diff --git a/app/controllers/orders_controller.rb b/app/controllers/orders_controller.rb\n"
        "--- a/app/controllers/orders_controller.rb\n"
        "+++ b/app/controllers/orders_controller.rb\n"
        "@@ -30,4 +30,6 @@ class OrdersController < ApplicationController\n"
        "   def cancel\n"
        "     @order = Order.find(params[:id])\n"
        "+    @order.update(state: 'cancelled')\n"
        "+    RefundJob.perform_later(@order.id)\n"
        "     redirect_to @order\n"
        "   end\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == RULE] == [(32, RULE)]


def test_a_safe_navigation_write_is_left_alone() -> None:
    code = _controller(
        "def create",
        "  shipment = Shipment.find_by(tracking_number: params[:tracking])",
        "  shipment&.update(status: params[:status])",
        "  head :ok",
        "end",
    )
    assert _lines(code) == []


def test_a_stripe_create_raises_on_failure_and_is_left_alone() -> None:
    code = _controller(
        "def create",
        "  Stripe::Charge.create(customer: current_user.stripe_id, amount: 500, currency: 'eur')",
        "  Donation.create(user: current_user, amount: 500)",
        "  redirect_to root_path",
        "end",
    )
    assert _lines(code) == [4]
