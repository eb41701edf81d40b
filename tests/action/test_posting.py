"""Posting under faults: a rejected line, a stale pending review, read-only tokens, rate limits, 5xx."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from action.scenario import NO_TIMEOUT, NUMBER, QUICK_TIMEOUT, SWALLOW, TLS_OFF, added_file, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.markers import fingerprints_in
from persona_review.action.poster import ForbiddenEventError, _create

FILES = [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT + TLS_OFF)]
SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."


def _review_posts(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [c.body for c in fake.calls if c.method == "POST" and c.path.endswith("/reviews")]


def test_one_rejected_line_keeps_every_other_comment(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.reject_lines = {("app/pay.py", 4)}
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    inline = fake.bot_review_comments()
    assert {(c["path"], c["line"]) for c in inline} == {("app/orders.py", 5), ("app/pay.py", 6)}
    assert len(fingerprints_in(review["body"])) == 1, "the refused comment moved into the review body"
    assert "has no timeout" in review["body"]
    assert not [r for r in fake.state.reviews if r["state"] == "PENDING"], "probes are deleted"
    assert "refused 1 inline comment" in out.log


def test_stale_pending_review_is_cleared(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    stale = fake.add_pending_review(NUMBER)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert stale["id"] not in [r["id"] for r in fake.state.reviews]
    assert len(fake.submitted_reviews()) == 1
    assert len(fake.bot_review_comments()) == 3


def test_only_comment_reviews_are_ever_sent(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.reject_lines = {("app/orders.py", 5)}
    fake.add_pending_review(NUMBER)
    run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    events = {body.get("event") for body in _review_posts(fake)}
    assert events <= {"COMMENT", None}
    assert "COMMENT" in events
    for forbidden in ("APPROVE", "REQUEST_CHANGES"):
        with pytest.raises(ForbiddenEventError):
            _create(None, None, "body", [], forbidden)  # type: ignore[arg-type]


def _assert_read_only_report(out_dir: Path, log: str, summary: str, outputs: dict[str, str]) -> None:
    assert "::error file=app/orders.py,line=4,endLine=5" in log
    assert "::warning file=app/pay.py,line=4" in log
    assert "Nothing was posted on the pull request" in summary
    sarif = json.loads((out_dir / outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == int(outputs["findings-count"]) == 3


def test_read_only_token_falls_back_to_annotations(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.read_only = True
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert "403" in out.summary and "pull-requests: write" in out.summary
    _assert_read_only_report(tmp_path, out.log, out.summary, out.outputs)
    assert fake.state.reviews == []


def test_fork_pull_request_makes_no_write_calls(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES, head_repo="outsider/Hello-World")
    payload = event("pull_request.opened", pull_request={"head": {"repo": {"full_name": "outsider/Hello-World"}}})
    out = run(fake, tmp_path, "pull_request", payload)
    assert out.code == 0
    assert [c for c in fake.calls if c.method != "GET"] == []
    assert "fork" in out.summary
    _assert_read_only_report(tmp_path, out.log, out.summary, out.outputs)


@pytest.mark.parametrize("status", [403, 429])
def test_secondary_rate_limit_is_retried(fake: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", r"/reviews$", status, headers={"Retry-After": "0"}, message=SECONDARY)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert [c.status for c in fake.calls if c.method == "POST" and c.path.endswith("/reviews")] == [status, 200]
    assert len(fake.submitted_reviews()) == 1


def test_server_errors_are_retried_with_backoff(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("GET", r"/files$", 502, times=2)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert [c.status for c in fake.calls if c.path.endswith("/files")] == [502, 502, 200]
    assert len(fake.bot_review_comments()) == 3


def test_persistent_outage_fails_with_a_message(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("GET", r"/pulls/2$", 503, times=50, message="Service Unavailable")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 3
    assert "::error::" in out.log and "503" in out.log
    assert 2 <= out.calls <= 7


def test_timeouts_are_retried(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.stall("GET", r"/pulls/2/files$", 2)  # the client gives up after 1 s (PERSONA_REVIEW_HTTP_TIMEOUT)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), http=QUICK_TIMEOUT)
    assert out.code == 0
    assert [c.path.endswith("/files") for c in fake.calls].count(True) == 2
    assert len(fake.bot_review_comments()) == 3


def test_a_review_post_that_times_out_is_never_sent_twice(fake: FakeGitHub, tmp_path: Path) -> None:
    """GitHub may create the review after the client gave up: retrying the POST would post it twice."""
    fake.open_pull(NUMBER, FILES)
    fake.stall("POST", r"/reviews$", 2)  # the client gives up after 1 s; the fake still creates the review
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), http=QUICK_TIMEOUT)
    assert len(_review_posts(fake)) == 1
    assert len(fake.submitted_reviews()) <= 1
    assert out.code == 0
    assert "annotations" in out.log


def test_a_server_error_on_posting_degrades_to_annotations(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", r"/reviews$", 502)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert len(_review_posts(fake)) == 1, "an ambiguous POST failure is not retried"
    assert out.code == 0
    assert "::error file=app/orders.py,line=4,endLine=5" in out.log
    assert "The review may not be on the pull request" in out.summary and "not found when read back" in out.summary
    assert "Nothing was posted" not in out.summary, "an ambiguous failure is not reported as a certainty"


def test_a_rate_limited_summary_edit_is_retried(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    assert run(fake, tmp_path / "first", "pull_request", event("pull_request.opened")).code == 0
    jobs = added_file("app/jobs.py", NO_TIMEOUT)
    fake.push(NUMBER, [*FILES, jobs], [jobs])
    fake.fail("PATCH", r"/issues/comments/\d+$", 429, headers={"Retry-After": "0"})
    out = run(fake, tmp_path / "second", "pull_request", event("pull_request.synchronize"))
    assert out.code == 0
    patches = [c for c in fake.calls if c.method == "PATCH"]
    assert [c.status for c in patches] == [429, 200]
