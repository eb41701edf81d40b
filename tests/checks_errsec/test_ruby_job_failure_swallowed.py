"""RB-JOB-FAILURE-SWALLOWED: Sidekiq jobs and Active Job classes with `retry_on` whose `perform` rescues its
failure, reports it and returns, written for these tests, with the shapes that raise, tolerate an item, or
have no retries to lose."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "RB-JOB-FAILURE-SWALLOWED"
PATH = "app/sidekiq/sync_crm_contact_job.rb"


def _lines(text: str, path: str = PATH) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


_SIDEKIQ = """class SyncCrmContactJob
  include Sidekiq::Job
  {options}

  def perform(user_id)
    user = User.find(user_id)
    begin
      CrmClient.new.upsert_contact(user.crm_payload)
    rescue {caught} => e
      {handler}
    end
  end
end
"""


@pytest.mark.parametrize("handler", [
    'Rails.logger.error("CRM sync failed for user #{user_id}: #{e.message}")',
    "Sentry.capture_exception(e)",
    'logger.warn("crm down")\n      nil',
    "Rails.error.report(e)",
])
def test_a_sidekiq_job_that_reports_and_swallows_is_reported(handler: str) -> None:
    code = _SIDEKIQ.format(options="sidekiq_options queue: :integrations, retry: 10", caught="CrmClient::Error",
                           handler=handler)
    assert _lines(code) == [9]


@pytest.mark.parametrize(("options", "caught", "handler"), [
    ("sidekiq_options retry: 10", "CrmClient::Error", 'Rails.logger.error("failed")\n      raise'),
    ("sidekiq_options retry: 10", "CrmClient::Error", "Rails.logger.error(e.message)\n      raise e"),
    ("sidekiq_options retry: false", "CrmClient::Error", 'Rails.logger.error("failed")'),
    ("sidekiq_options retry: 10", "ActiveRecord::RecordNotFound", 'Rails.logger.warn("user gone")'),
    ("sidekiq_options retry: 10", "CrmClient::Error", "@skipped = true"),
])
def test_raised_unretried_or_tolerated_failures_stay_quiet(options: str, caught: str, handler: str) -> None:
    assert _lines(_SIDEKIQ.format(options=options, caught=caught, handler=handler)) == []


def test_active_job_needs_retry_on_and_the_method_rescue_counts() -> None:
    job = """class ChargeJob < ApplicationJob
  {retry}

  def perform(order_id)
    Payments.charge!(Order.find(order_id))
  rescue Payments::GatewayError => e
    Rails.logger.error("charge failed: #{{e.message}}")
  end
end
"""
    assert _lines(job.format(retry="retry_on Payments::GatewayError, attempts: 5"), "app/jobs/charge_job.rb") == [6]
    assert _lines(job.format(retry="queue_as :default"), "app/jobs/charge_job.rb") == []


def test_a_rescue_inside_a_loop_over_items_or_outside_perform_stays_quiet() -> None:
    code = """class DigestJob
  include Sidekiq::Job

  def perform(ids)
    User.where(id: ids).find_each do |user|
      DigestMailer.send_to(user)
    rescue Net::SMTPError => e
      Rails.logger.error("digest failed for #{user.id}: #{e.message}")
    end
  end

  def helper
    yield
  rescue StandardError => e
    Rails.logger.error(e.message)
  end
end
"""
    assert _lines(code, "app/sidekiq/digest_job.rb") == []


def test_a_hunk_inside_perform_is_read_from_its_header() -> None:
    diff = """diff --git a/app/sidekiq/sync_crm_contact_job.rb b/app/sidekiq/sync_crm_contact_job.rb
--- a/app/sidekiq/sync_crm_contact_job.rb
+++ b/app/sidekiq/sync_crm_contact_job.rb
@@ -1,9 +1,13 @@
 class SyncCrmContactJob
   include Sidekiq::Job
   sidekiq_options queue: :integrations, retry: 10
<blank>
   def perform(user_id)
     user = User.find(user_id)
-    CrmClient.new.upsert_contact(user.crm_payload)
+    begin
+      CrmClient.new.upsert_contact(user.crm_payload)
+    rescue CrmClient::Error => e
+      Rails.logger.error("CRM sync failed for user #{user_id}: #{e.message}")
+    end
   end
 end
""".replace("<blank>", " ")
    contexts = [build_context(f) for f in parse_diff(diff)]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == [9]


_BELOW_INCLUDE = """diff --git a/{path} b/{path}
--- a/{path}
+++ b/{path}
@@ -6,7 +6,11 @@ class ReindexListingJob
   def perform(listing_id)
     listing = Listing.find(listing_id)
<blank>
-    SearchIndex.upsert(listing.search_document)
+    begin
+      SearchIndex.upsert(listing.search_document)
+    rescue SearchIndex::Unavailable => e
+      logger.error("reindex of listing #{listing.id} failed: #{e.message}")
+    end
   end
<blank>
   private
"""


@pytest.mark.parametrize(("path", "want"), [
    ("app/sidekiq/reindex_listing_job.rb", [11]),   # where `rails g sidekiq:job` writes jobs
    ("app/workers/reindex_listing_job.rb", [11]),
    ("app/services/reindex_listing.rb", []),        # a service's rescue may be its caller's business
    ("app/jobs/reindex_listing_job.rb", []),        # Active Job: retried only with a `retry_on` in view
])
def test_a_hunk_below_the_include_knows_a_sidekiq_job_by_its_folder(path: str, want: list[int]) -> None:
    diff = _BELOW_INCLUDE.replace("{path}", path).replace("<blank>", " ")
    contexts = [build_context(f) for f in parse_diff(diff)]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == want


def test_a_hunk_in_a_worker_folder_that_shows_another_base_stays_quiet() -> None:
    diff = _BELOW_INCLUDE.replace("{path}", "app/workers/reindex_listing_job.rb").replace("<blank>", " ").replace(
        "@@ -6,7 +6,11 @@ class ReindexListingJob\n",
        "@@ -4,9 +4,13 @@\n class ReindexListingJob < ApplicationJob\n  \n")
    contexts = [build_context(f) for f in parse_diff(diff)]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == []


@pytest.mark.parametrize("handler", [
    'user.update!(crm_sync_attempts: user.crm_sync_attempts + 1)\n      Rails.logger.warn("crm sync failed")',
    'user.increment!(:sync_attempts)\n      Rails.logger.error(e.message)',
])
def test_a_handler_that_counts_the_attempt_and_returns_is_reported(handler: str) -> None:
    """Counting the failed try says another try is expected; returning normally means none comes."""
    code = _SIDEKIQ.format(options="sidekiq_options retry: 10", caught="CrmClient::Error", handler=handler)
    assert _lines(code) == [9]


@pytest.mark.parametrize("handler", [
    'user.update!(crm_sync_error: e.message)\n      Rails.logger.warn("crm sync failed")',
    'user.update!(crm_sync_attempts: user.crm_sync_attempts + 1)\n      Rails.logger.warn("retrying later")\n'
    "      self.class.perform_in(10.minutes, user_id)",
])
def test_recording_the_error_or_scheduling_the_next_try_stays_quiet(handler: str) -> None:
    code = _SIDEKIQ.format(options="sidekiq_options retry: 10", caught="CrmClient::Error", handler=handler)
    assert _lines(code) == []
