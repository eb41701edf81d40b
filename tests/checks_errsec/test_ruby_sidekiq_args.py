"""RB-SIDEKIQ-OBJECT-ARG: a record or other Ruby object passed as a Sidekiq job argument."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-SIDEKIQ-OBJECT-ARG"


def _lines(text: str, path: str = "app/controllers/reports_controller.rb") -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


_ACTION = """class ReportsController < ApplicationController
  def create
    report = current_account.reports.create!(kind: params.require(:kind))
    @batch = ReportBatch.find(params[:batch_id])
    builder = Reports::Builder.new(report, locale: I18n.locale)
    %s
    redirect_to reports_path
  end
end
"""


@pytest.mark.parametrize("enqueue", [
    "ReportWorker.perform_async(report)",
    "ReportWorker.perform_async(report.id, current_user)",
    "ReportWorker.perform_in(10.minutes, @batch)",
    "ReportWorker.set(queue: :low).perform_async(builder)",
    "ReportWorker.perform_at(1.hour.from_now, report.id, Time.now)",
])
def test_a_record_or_object_passed_to_sidekiq_is_reported(enqueue: str) -> None:
    assert _lines(_ACTION % enqueue) == [6]


@pytest.mark.parametrize("enqueue", [
    "ReportWorker.perform_async(report.id, current_user.id)",
    "ReportWorker.perform_async(current_user_id, @batch.id)",
    "ReportWorker.perform_in(10.minutes, report.id)",
    "ReportWorker.perform_async(params[:kind], report.to_global_id.to_s)",
    "ReportJob.perform_later(report, current_user)",  # Active Job passes records as GlobalIDs
    "ReportWorker.perform_async(kind)",  # a variable whose value is not in view
])
def test_ids_plain_values_and_active_job_are_left_alone(enqueue: str) -> None:
    assert _lines(_ACTION % enqueue) == []


def test_self_is_a_record_only_in_a_model() -> None:
    model = """class Invoice < ApplicationRecord
  after_commit :render_pdf, on: :create

  def render_pdf
    PdfWorker.perform_async(self)
  end
end
"""
    service = model.replace("class Invoice < ApplicationRecord", "class InvoiceSender")
    assert _lines(model, "app/models/invoice.rb") == [5]
    assert _lines(service, "lib/invoice_sender.rb") == []


def test_first_on_a_plain_variable_is_not_taken_for_a_record() -> None:
    code = """class Sweeper
  def call(ids)
    first = ids.first
    owner = Account.where(active: true).first
    SweepWorker.perform_async(first)
    SweepWorker.perform_async(owner)
  end
end
"""
    assert _lines(code, "app/services/sweeper.rb") == [6]


def test_a_hunk_without_the_assignment_is_left_alone() -> None:
    lines = {40: "    ReportWorker.perform_async(report)", 41: "    redirect_to reports_path"}
    ctx = FileContext("app/controllers/reports_controller.rb", "ruby", lines, frozenset({40}), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == []
