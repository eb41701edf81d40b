"""A review reads when the application's Active Job enqueues reach the queue from the repository
(`ruby_jobs.active_job_timing`), so RB-JOB-BEFORE-COMMIT stays quiet for a queue in the same database or
enqueues that wait for the commit, and still reports Sidekiq's `perform_async` from a callback."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from pipeline.conftest import file_diff

RULE = "RB-JOB-BEFORE-COMMIT"
SERVICE = [
    "class PlaceOrder",
    "  def call",
    "    Order.transaction do",
    "      @order = Order.create!(total_cents: @total)",
    "      ConfirmationJob.perform_later(@order.id)",
    "    end",
    "  end",
    "end",
]


def _reported(tmp_path: Path, files: dict[str, str]) -> bool:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = run_review(ReviewInput(diff=parse_diff(file_diff("app/services/place_order.rb", SERVICE)),
                                    config=Config(), persona=load_persona(None), workspace=tmp_path,
                                    offline=True, log=lambda _line: None))
    return RULE in [f.rule_id for f in result.findings]


@pytest.mark.parametrize(("files", "reported"), [
    ({}, True),
    ({"Gemfile.lock": "GEM\n  specs:\n    rails (8.0.2)\n    sidekiq (7.3.0)\n"}, True),
    ({"Gemfile.lock": "GEM\n  specs:\n    good_job (4.1.0)\n    rails (8.0.2)\n"}, False),
    ({"app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\n"
                                     "  self.enqueue_after_transaction_commit = true\nend\n"}, False),
])
def test_a_review_reads_the_queue_setup_from_the_workspace(
    tmp_path: Path, files: dict[str, str], reported: bool,
) -> None:
    assert _reported(tmp_path, files) is reported
