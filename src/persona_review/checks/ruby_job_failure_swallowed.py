"""Ruby: a background job that rescues its own failure in `perform` and finishes normally.

    class SyncCrmContactJob
      include Sidekiq::Job
      sidekiq_options retry: 10

      def perform(user_id)
        CrmClient.new.upsert_contact(User.find(user_id).crm_payload)
      rescue CrmClient::Error => e
        Rails.logger.error("CRM sync failed: #{e.message}")     # the job succeeds: no retry
      end
    end

Sidekiq retries a job (25 times by default, or its `sidekiq_options retry:`) and Active Job runs its
`retry_on` only when `perform` raises. A `rescue` that logs the error and lets `perform` return makes the
job a success: the retries never happen, the job is not in the retry or dead set, and the work is lost.
Shoryuken (`auto_delete: true`) deletes the SQS message and Que finishes the job the same way.

Reported on a `rescue` of `perform` itself (a `begin` in it, or the method's own rescue clause; not inside
a block such as an `each` over items, where one item's failure may be tolerated) whose body treats the
error as a failure (an error or warn log, an error tracker's report) and neither raises nor retries. Jobs:
Sidekiq jobs whose options do not turn retries off, Active Job classes that declare `retry_on`, Shoryuken
workers that auto-delete, Que jobs' `run`; for a
file read from hunks that do not show the class's `include`, a Sidekiq job by its place (`app/sidekiq`, where
Sidekiq's generator puts jobs, `app/workers`, `*_worker.rb`) whose known lines show no other job base.
Rescues of errors a retry cannot fix (`RecordNotFound`, `DeserializationError`, validation and argument
errors), of errors an Active Job class does not `retry_on`, and handlers that record the failure on a
record (`update!(sync_error: ...)`) are left alone, unless what they record is one more attempt
(`attempts: row.attempts + 1`) and they schedule no other try: counting tries says one more is expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    file_nodes,
    method_name,
    ruby_check,
    section_method,
    short,
    source_text,
    text,
    walk,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node, Tree

_SIDEKIQ = lazy_re(r"^\s*include\s+Sidekiq::(?:Job|Worker)\b", re.MULTILINE)
_RETRIES_OFF = lazy_re(r"\bsidekiq_options\b[^\n]*\bretry:\s*(?:false|0)\b")
_ACTIVE_JOB = lazy_re(r"^\s*class\s+[\w:]+\s*<\s*(?:ApplicationJob|ActiveJob::Base)\b", re.MULTILINE)
_SHORYUKEN = lazy_re(r"^\s*shoryuken_options\b[^\n]*\bauto_delete:\s*true\b", re.MULTILINE)
"""A Shoryuken worker that deletes its SQS message when `perform` returns."""
_QUE = lazy_re(r"^\s*class\s+[\w:]+\s*<\s*Que::Job\b", re.MULTILINE)
"""A Que job: `run` raising is what makes Que retry it."""
_RETRY_ON = lazy_re(r"^\s*retry_on\b", re.MULTILINE)
_WORKER_PATH = lazy_re(r"(?:^|/)app/(?:sidekiq|workers)/|_worker\.rb$")
"""Where Sidekiq's jobs live by convention (`rails g sidekiq:job` writes `app/sidekiq/*_job.rb`)."""
_OTHER_BASE = lazy_re(
    r"^\s*class\s+[\w:]+\s*<|^\s*include\s+(?!Sidekiq::)[\w:]*(?:Job|Worker)\b", re.MULTILINE)
"""A class header with a superclass, or another library's job module: not a plain Sidekiq job."""
_NOTHING_TO_DO = lazy_re(r"RecordNotFound|NotFound|DeserializationError|Invalid|Validation|ArgumentError")
"""Errors a retry cannot fix: nothing to do, or input the other side rejects."""
_RETRY_ON_ERRORS = lazy_re(r"^\s*retry_on\s+((?:::)?[A-Z][\w:]*)", re.MULTILINE)
_RECORDS = lazy_re(r"\.(?:update|update!|update_column|update_columns|fail!|failed!|mark_failed\w*)\b")
"""The handler records the failure on a record (`update!(sync_error: e.message)`): handled, not lost."""
_ATTEMPT_COUNTED = lazy_re(
    r"\b(?:\w+_)?(?:attempts?|attempt_count|retries|retry_count|tries|try_count|failures?|failure_count|"
    r"failed_attempts)\s*:\s*[^,)\n]*\+\s*1\b|\.increment!?\s*\(\s*:(?:\w+_)?(?:attempts?|retries|tries)"
)
"""The handler counts the failed attempt (`attempts: delivery.attempts + 1`): a count of tries says another
try is expected, which a job that returns normally never makes."""
_RESCHEDULES = lazy_re(r"\.perform_(?:in|at|async|later)\b|\.set\s*\(\s*wait|\bretry_job\b")


def _counts_attempt(body: str) -> bool:
    """The rescue records the failure by counting an attempt, and schedules no other try itself."""
    return _ATTEMPT_COUNTED.search(body) is not None and _RESCHEDULES.search(body) is None


_REPORTS = lazy_re(
    r"\.(?:error|warn|fatal)\b|\blevel:\s*:(?:warn|error|fatal)\b|\b(?:Sentry|Honeybadger|Rollbar|Bugsnag|Airbrake|"
    r"Appsignal)\b|"
    r"Rails\.error\.report|\bnotify_exception\b"
)
_CONSTANT = lazy_re(r"(?:::)?[A-Z][\w:]*")
_RAISES = frozenset({"raise", "fail", "retry", "retry_job"})


@ruby_check(
    "RB-JOB-FAILURE-SWALLOWED", "ERR-04", Category.ERROR_HANDLING, Severity.HIGH,
    title="Background job rescues its own failure in `perform`: the job succeeds and is never retried",
    explanation=(
        "Sidekiq retries a job, and Active Job runs `retry_on`, only when `perform` raises. Rescuing the "
        "error, logging it and returning makes the job a success: its retries never run, it never reaches "
        "the retry or dead set, and the work is lost. Let the error propagate (or `raise` after logging); "
        "rescue only errors that retrying cannot fix."
    ),
    needs=r"rescue",
)
def job_failure_swallowed(ctx: FileContext) -> Iterator[Hit]:
    source = source_text(ctx)
    sidekiq = _sidekiq_job(ctx, source) and _RETRIES_OFF.search(source) is None
    other = _SHORYUKEN.search(source) is not None or _QUE.search(source) is not None
    active_job = _ACTIVE_JOB.search(source) is not None and _RETRY_ON.search(source) is not None
    if not sidekiq and not active_job and not other:
        return
    retried = None
    if active_job and not sidekiq and not other:
        retried = {name.rsplit("::", 1)[-1] for name in _RETRY_ON_ERRORS.findall(source)}
    entry = "run" if _QUE.search(source) else "perform"
    for tree, node in file_nodes(ctx):
        if node.type != "rescue" or not _in_perform(ctx, tree, node, entry):
            continue
        exceptions = node.child_by_field_name("exceptions")
        if exceptions is not None and _NOTHING_TO_DO.search(text(exceptions)):
            continue
        if retried is not None and exceptions is not None and not _catches_retried(text(exceptions), retried):
            continue  # Active Job retries other errors: this one is handled on purpose
        body = node.child_by_field_name("body")
        if body is None or not _REPORTS.search(text(body)) or _raises(body):
            continue
        if _RECORDS.search(text(body)) and not _counts_attempt(text(body)):
            continue
        caught = short(text(exceptions), 40) if exceptions is not None else "StandardError"
        yield tree.hit(node, (
            f"This `rescue {caught}` lets `perform` return normally, so the job counts as a success: its "
            "retries never run and the work is lost. `raise` after logging, or rescue only errors a retry "
            "cannot fix."))


def _sidekiq_job(ctx: FileContext, source: str) -> bool:
    """The file's class includes `Sidekiq::Job` (or `Worker`); or, read from hunks that do not show it, the
    file sits where Sidekiq jobs live and its known lines show no other base."""
    if _SIDEKIQ.search(source) is not None:
        return True
    placed = _WORKER_PATH.search(ctx.path) is not None
    return not ctx.whole_file and placed and _OTHER_BASE.search(source) is None


def _in_perform(ctx: FileContext, tree: Tree, rescue: Node, entry: str = "perform") -> bool:
    """The rescue belongs to the job's `perform` (Que's `run`: its own clause or a `begin` in its body), with
    no block between."""
    current = rescue.parent
    while current is not None:
        if current.type in {"block", "do_block", "lambda"}:
            return False
        if current.type == "method":
            return text(current.child_by_field_name("name")) == entry
        if current.type in {"class", "module", "singleton_method"}:
            return False
        current = current.parent
    return section_method(ctx, tree) == entry  # a hunk inside `perform`, named by its header


def _catches_retried(caught: str, retried: set[str]) -> bool:
    """The rescue catches an error `retry_on` retries, or everything (`StandardError`, `Exception`)."""
    names = {name.rsplit("::", 1)[-1] for name in _CONSTANT.findall(caught)}
    return bool(names & (retried | {"StandardError", "Exception"}))


def _raises(body: Node) -> bool:
    return any(
        (n.type == "identifier" and text(n) in _RAISES) or (n.type == "call" and method_name(n) in _RAISES)
        for n in walk(body)
    )
