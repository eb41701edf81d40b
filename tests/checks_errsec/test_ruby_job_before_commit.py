"""RB-JOB-BEFORE-COMMIT: a background job queued inside a transaction or from a callback that runs inside
the save's transaction; and `ruby_jobs.active_job_timing`, which tells when the application's Active Job
enqueues reach the queue."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.ruby_jobs import active_job_timing

RULE = "RB-JOB-BEFORE-COMMIT"


def _lines(text: str, path: str = "app/services/invoices/issue.rb", active_jobs: str | None = None) -> list[int]:
    outcome = run_checks([context_for_text(path, text)], active_jobs=active_jobs)
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == RULE)


def _hunk(text: str, start: int, added: set[int]) -> list[int]:
    lines = {start + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext("app/models/invoice.rb", "ruby", lines, frozenset(added), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE)


_SERVICE = """module Invoices
  class Issue
    def call
      Invoice.transaction do
        @invoice = Invoice.create!(account: @account, total_cents: @total)
        %s
      end
      @invoice
    end
  end
end
"""


@pytest.mark.parametrize("enqueue", [
    "PdfRenderJob.perform_later(@invoice.id)",
    "PdfRenderJob.set(wait: 5.minutes).perform_later(@invoice)",
    "InvoiceMailer.with(invoice: @invoice).issued.deliver_later",
    "ActiveJob.perform_all_later([PdfRenderJob.new(@invoice.id)])",
])
def test_an_active_job_enqueue_inside_a_transaction_block_is_reported(enqueue: str) -> None:
    assert _lines(_SERVICE % enqueue) == [6]


def test_with_lock_and_an_assigned_transaction_open_one_too() -> None:
    code = """class Ledger
  def post(entry)
    account.with_lock do
      account.update!(balance: account.balance + entry.amount)
      BalanceChangedJob.perform_later(account.id)
    end
    result = ApplicationRecord.transaction do
      Entry.create!(entry.attributes)
      AuditJob.perform_later(entry.id)
    end
  end
end
"""
    assert _lines(code) == [5, 9]


@pytest.mark.parametrize("enqueue", [
    "PdfRenderJob.perform_now(@invoice.id)",  # runs in this process, inside the transaction
    "PdfWorker.perform_async(@invoice.id)",  # Sidekiq: ANY-SIDE-EFFECT-IN-TX reports it
    "after_commit { PdfRenderJob.perform_later(@invoice.id) }",
    "ActiveRecord.after_all_transactions_commit { PdfRenderJob.perform_later(@invoice.id) }",
])
def test_other_calls_and_deferred_enqueues_in_a_transaction_are_left_alone(enqueue: str) -> None:
    assert _lines(_SERVICE % enqueue) == []


def test_an_enqueue_below_the_transaction_block_is_left_alone() -> None:
    code = """class Issue
  def call
    Invoice.transaction do
      @invoice = Invoice.create!(total_cents: @total)
    end
    PdfRenderJob.perform_later(@invoice.id)
  end
end
"""
    assert _lines(code) == []


def test_the_file_or_the_repository_deferring_active_job_enqueues_silences_them() -> None:
    deferring = "class ApplicationJob < ActiveJob::Base\n  self.enqueue_after_transaction_commit = true\nend\n"
    assert _lines(deferring + _SERVICE % "PdfRenderJob.perform_later(@invoice.id)") == []
    for timing in ("deferred", "transactional"):
        assert _lines(_SERVICE % "PdfRenderJob.perform_later(@invoice.id)", active_jobs=timing) == []


_MODEL = """class Document < ApplicationRecord
  belongs_to :workspace
  %s

  private

  def enqueue_extraction
    ExtractTextJob.perform_later(id)
  end

  def warm_cache
    Rails.cache.write(cache_key, to_json)
  end
end
"""


@pytest.mark.parametrize("declaration", [
    "after_save :enqueue_extraction, if: :saved_change_to_file_digest?",
    "after_create :warm_cache, :enqueue_extraction",
    "before_update(:enqueue_extraction)",
    "after_destroy :enqueue_extraction",
])
def test_a_callback_method_that_queues_a_job_inside_the_save_is_reported_on_its_declaration(
    declaration: str,
) -> None:
    assert _lines(_MODEL % declaration, "app/models/document.rb") == [3]


@pytest.mark.parametrize("declaration", [
    "after_commit :enqueue_extraction, on: :create",
    "after_save_commit :enqueue_extraction",
    "after_create_commit :enqueue_extraction",
    "after_save :warm_cache",
    "after_initialize :enqueue_extraction",
])
def test_commit_callbacks_and_callbacks_without_a_job_are_left_alone(declaration: str) -> None:
    assert _lines(_MODEL % declaration, "app/models/document.rb") == []


def test_a_callback_block_and_sidekiq_in_a_callback_are_reported() -> None:
    code = """class Feed < ApplicationRecord
  after_create do
    FaviconWorker.perform_async(host)
  end
  after_update { ReindexJob.perform_later(self) }
  after_create :schedule_reminders

  def schedule_reminders
    ReminderWorker.perform_in(3.days, id)
  end
end
"""
    assert _lines(code, "app/models/feed.rb") == [2, 5, 6]
    # Sidekiq never waits for the commit, whatever Active Job is set to.
    assert _lines(code, "app/models/feed.rb", active_jobs="deferred") == [2, 6]


def test_a_hunk_reports_the_added_enqueue_when_the_declaration_is_context() -> None:
    code = """  after_save :notify_owner

  def notify_owner
    OwnerMailer.changed(self).deliver_later
  end
"""
    assert _hunk(code, 20, {23}) == [23]
    assert _hunk(code, 20, {20, 23}) == [20]
    assert _hunk(code, 20, {22}) == []


def _reader(files: Mapping[str, str]) -> Callable[[Sequence[str]], Mapping[str, str]]:
    def read(paths: Sequence[str]) -> Mapping[str, str]:
        return {p: files[p] for p in paths if p in files}
    return read


@pytest.mark.parametrize(("files", "expected"), [
    ({"app/jobs/application_job.rb": "  self.enqueue_after_transaction_commit = true\n"}, "deferred"),
    ({"config/application.rb": "    config.active_job.enqueue_after_transaction_commit = :always\n"},
     "deferred"),
    ({"Gemfile.lock": "    rails (7.2.1)\n", "config/application.rb": "    config.load_defaults 7.2\n"},
     "deferred"),
    ({"Gemfile.lock": "    rails (7.2.1)\n",
      "config/application.rb": "    config.load_defaults 7.2\n"
                               "    config.active_job.enqueue_after_transaction_commit = :never\n"}, None),
    ({"Gemfile.lock": "    rails (8.0.2)\n", "config/application.rb": "    config.load_defaults 8.0\n"}, None),
    ({"Gemfile.lock": "    rails (8.2.0)\n", "config/application.rb": "    config.load_defaults 8.2\n"},
     "deferred"),
    ({"Gemfile.lock": "    rails (8.2.0)\n", "config/application.rb": "    config.load_defaults 8.1\n"}, None),
    ({"Gemfile.lock": "    good_job (4.1.0)\n    rails (8.0.2)\n"}, "transactional"),
    ({"Gemfile.lock": "    good_job (4.1.0)\n    sidekiq (7.3.0)\n"}, None),
    ({"Gemfile.lock": "    sidekiq (7.3.0)\n",
      "config/application.rb": "    config.active_job.queue_adapter = :delayed_job\n"}, "transactional"),
    ({"Gemfile.lock": "    solid_queue (1.1.0)\n"}, None),
    ({"app/jobs/application_job.rb": "  # self.enqueue_after_transaction_commit = true\n"}, None),
])
def test_active_job_timing_reads_the_repository_settings(files: dict[str, str], expected: str | None) -> None:
    assert active_job_timing(_reader(files)) == expected


def test_a_transaction_added_around_an_existing_enqueue_is_reported_once_on_its_first_line() -> None:
    code = """  def call
    Invoice.transaction do
      @invoice = Invoice.create!(total_cents: @total)
      PdfRenderJob.perform_later(@invoice.id)
      ReceiptMailer.issued(@invoice).deliver_later
    end
  end
"""
    assert _hunk(code, 10, {11, 15}) == [11]
    assert _hunk(code, 10, {12}) == []


def test_a_mongoid_documents_callbacks_run_in_no_transaction() -> None:
    code = _MODEL.replace("class Document < ApplicationRecord", "class Document\n  include Mongoid::Document")
    assert _lines(code % "after_save :enqueue_extraction", "app/models/document.rb") == []


def test_resque_enqueues_are_reported_whatever_active_job_is_set_to() -> None:
    code = _SERVICE % "Resque.enqueue(RenderPdf, @invoice.id)"
    assert _lines(code) == [6]
    assert _lines(code, active_jobs="deferred") == [6]
    model = _MODEL.replace("ExtractTextJob.perform_later(id)", "Resque.enqueue_to(:low, ExtractText, id)")
    assert _lines(model % "after_create :enqueue_extraction", "app/models/document.rb") == [3]
