"""RB-UNBOUNDED-LOAD: a whole table walked with `each` in batch code (jobs, migrations, rake tasks, service
objects), written for these tests, with the bounded and non-batch shapes that stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-UNBOUNDED-LOAD"


def _lines(text: str, path: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


def _hunk_lines(text: str, first: int, path: str) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(path, "ruby", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_JOB = """class ReindexCustomersJob < ApplicationJob
  queue_as :low

  def perform
    {walk}
      SearchIndex.upsert(customer)
    end
  end
end
"""


@pytest.mark.parametrize("walk", [
    "Customer.all.each do |customer|",
    "Customer.unscoped.each do |customer|",
    "Customer.active.includes(:orders).each do |customer|",
    "Customer.lapsed.each do |customer|",
    "Customer.where(reindex_needed: true).to_a.each do |customer|",
    "Customer.where(status: ['lapsed', 'closed']).where.not(email: nil).each do |customer|",
    "Customer.where('deleted_at IS NULL').order(:id).each do |customer|",
    "Customer.includes(:orders).order(:id).each do |customer|",
    "Billing::Customer.all.each_with_index do |customer, i|",
])
def test_a_table_walked_whole_in_a_job_is_reported(walk: str) -> None:
    assert _lines(_JOB.format(walk=walk), "app/jobs/reindex_customers_job.rb") == [5]


@pytest.mark.parametrize("walk", [
    "Customer.find_each do |customer|",
    "Customer.where(active: true).find_each do |customer|",
    "Customer.where(active: true).limit(100).each do |customer|",
    "Customer.where(account_id: account.id).each do |customer|",
    "Customer.where(id: ids).each do |customer|",
    "Customer.where(status: params[:status]).each do |customer|",
    "Customer.where('name = ?', name).each do |customer|",
    "Customer.where(\"plan = '#{plan}'\").each do |customer|",
    "Customer.all.in_batches(of: 500).each do |customer|",
    "customers.each do |customer|",
    "account.customers.each do |customer|",
    "Customer.all.map do |customer|",
    "Customer.first(20).each do |customer|",
    "Customer.column_names.each do |customer|",
    "Customer.recent(7).each do |customer|",
    "ActiveRecord::Migrator.migrations_paths.each do |customer|",
    "Customer.where(id: ids).pluck(:id).each do |customer|",
])
def test_bounded_or_non_relation_walks_stay_quiet(walk: str) -> None:
    assert _lines(_JOB.format(walk=walk), "app/jobs/reindex_customers_job.rb") == []


def test_migrations_rake_tasks_workers_and_services_are_batch_code() -> None:
    migration = (
        "class BackfillUuids < ActiveRecord::Migration[7.1]\n"
        "  def up\n"
        "    User.all.each { |user| user.update_columns(uuid: SecureRandom.uuid) }\n"
        "  end\n"
        "end\n"
    )
    assert _lines(migration, "db/migrate/20250101000000_backfill_uuids.rb") == [3]
    rake = (
        "namespace :invoices do\n"
        "  task resend: :environment do\n"
        "    Invoice.all.each(&:deliver!)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(rake, "lib/tasks/invoices.rake") == [3]
    worker = (
        "class PurgeWorker\n"
        "  include Sidekiq::Job\n"
        "\n"
        "  def perform\n"
        "    Upload.order(:created_at).each(&:purge)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(worker, "app/sidekiq/purge.rb") == [5]
    service = "class Sync\n  def call\n    Product.all.each { |p| push(p) }\n  end\nend\n"
    assert _lines(service, "app/services/sync.rb") == [3]


def test_views_controllers_helpers_specs_and_seeds_stay_quiet() -> None:
    code = "class Thing\n  def call\n    Country.all.each { |c| puts c.name }\n  end\nend\n"
    for path in ("app/controllers/countries_controller.rb", "app/helpers/countries_helper.rb",
                 "spec/jobs/sync_job_spec.rb", "db/seeds.rb", "app/models/country.rb"):
        assert _lines(code, path) == [], path


def test_a_hunk_of_a_job_without_its_class_line_is_read_by_its_path() -> None:
    hunk = (
        "  def perform(account_id)\n"
        "    Order.includes(:line_items).each do |order|\n"
        "      order.recalculate_totals!\n"
        "    end\n"
    )
    assert _hunk_lines(hunk, 12, "app/jobs/recalculate_orders_job.rb") == [13]
    assert _hunk_lines(hunk, 12, "app/models/order.rb") == []


def test_the_message_names_the_chain_and_the_fix() -> None:
    text = _JOB.format(walk="Customer.all.each do |customer|")
    outcome = run_checks([context_for_text("app/jobs/reindex_customers_job.rb", text)])
    found = [f for f in outcome.findings if f.rule_id == RULE]
    assert len(found) == 1
    assert "Customer.all.find_each" in found[0].body
