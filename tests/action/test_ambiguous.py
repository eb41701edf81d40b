"""Ambiguous posts: GitHub stored something but the run could not know. Reruns read back, never repeat."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from action.scenario import NO_TIMEOUT, NUMBER, QUICK_TIMEOUT, SWALLOW, TLS_OFF, added_file, event, run
from fakes.github_server import FakeGitHub

FILES = [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT + TLS_OFF)]


def _shown(fake: FakeGitHub) -> Counter[str]:
    return fake.shown_fingerprints()


def test_summary_502_after_the_review_then_rerun(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", r"/issues/\d+/comments$", 502, times=1)
    first = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"), max_comments="1")
    assert first.code == 0
    assert len(fake.submitted_reviews()) == 1 and fake.bot_issue_comments() == []
    assert "Review posted:" in first.log and "Nothing was posted" not in first.summary
    assert "summary comment could not be written" in first.summary
    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"), max_comments="1")
    assert rerun.code == 0
    shown = _shown(fake)
    assert len(shown) == 3 and max(shown.values()) == 1, "the review-body findings are not posted again"
    assert len(fake.submitted_reviews()) == 1 and len(fake.bot_issue_comments()) == 1


def test_summary_patch_502_after_the_review_then_rerun(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES[:1])
    assert run(fake, tmp_path / "1", "pull_request", event("pull_request.opened")).code == 0
    jobs = added_file("app/jobs.py", NO_TIMEOUT + TLS_OFF)
    fake.push(NUMBER, [*FILES, jobs], [FILES[1], jobs])
    fake.fail("PATCH", r"/issues/comments/\d+$", 502, times=10)
    second = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"), max_comments="1")
    assert len(fake.submitted_reviews()) == 2
    assert "Review posted:" in second.log and "Nothing was posted" not in second.summary
    fake.faults.clear()
    third = run(fake, tmp_path / "3", "pull_request", event("pull_request.synchronize"), max_comments="1")
    assert third.code == 0
    shown = _shown(fake)
    assert len(shown) == 5 and max(shown.values()) == 1
    assert len(fake.submitted_reviews()) == 2


def _wait_until_stored(fake: FakeGitHub, *, reviews: int, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while len(fake.submitted_reviews()) < reviews:
        assert time.monotonic() < deadline, "the stalled review never reached the fake"
        time.sleep(0.05)


def test_review_post_timing_out_after_github_stored_it(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.stall("POST", r"/reviews$", 2)  # the client gives up after 1 s; the fake still stores the review
    first = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"), max_comments="1",
                http=QUICK_TIMEOUT)
    assert first.code == 0
    assert len([c for c in fake.calls if c.method == "POST" and c.path.endswith("/reviews")]) == 1
    assert "The review may not be on the pull request" in first.summary
    assert "Nothing was posted" not in first.summary
    _wait_until_stored(fake, reviews=1)  # the stalled request lands 2 s after it was sent, however busy the box
    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"), max_comments="1")
    assert rerun.code == 0
    shown = _shown(fake)
    assert len(shown) == 3 and max(shown.values()) == 1, "nothing the stored review shows is posted again"
    assert len(fake.submitted_reviews()) == 1


def test_review_post_502_that_was_stored_is_found_by_reading_back(fake: FakeGitHub, tmp_path: Path) -> None:
    """GitHub stored the review and then answered 502: the run reads it back and completes the summary."""
    fake.open_pull(NUMBER, FILES)
    fake.fail_after("POST", r"/reviews$", 502)
    out = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"), max_comments="1")
    assert out.code == 0
    assert "reading back found it stored" in out.log and "Review posted:" in out.log
    assert len(fake.bot_issue_comments()) == 1, "the summary is written in the same run"
    assert "Nothing was posted" not in out.summary


def test_a_failed_post_that_cannot_be_read_back_is_reported_as_unsure(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail_after("POST", r"/reviews$", 502)
    fake.fail("GET", r"/reviews$", 503, times=20, skip=1)  # the first read (before posting) answers
    out = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"), max_comments="1")
    assert out.code == 0
    assert "The review may not be on the pull request" in out.summary
    assert "Nothing was posted" not in out.summary and "Review posted:" not in out.log
    fake.faults.clear()
    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"), max_comments="1")
    assert rerun.code == 0
    shown = _shown(fake)
    assert len(shown) == 3 and max(shown.values()) == 1
    assert len(fake.submitted_reviews()) == 1
