"""What a run says when GitHub refuses part of what it posts: which step failed, GitHub's status and
message, and what to do (give a permission, or re-run). A refusal that means our request is wrong ends
the run with an error, once the findings are in the log, the job summary and the SARIF file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from action.scenario import (
    NO_TIMEOUT,
    NUMBER,
    QUICK_TIMEOUT,
    SWALLOW,
    TLS_OFF,
    Outcome,
    added_file,
    event,
    run,
)
from fakes.github_server import FakeGitHub
from persona_review.action.markers import fps_blobs, prefixes_in
from persona_review.action.report import SUMMARY_LIMIT
from persona_review.errors import EXIT_RUNTIME

FILES = [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT + TLS_OFF)]
CLEAN = [added_file("app/util.py", ["def double(x):", "    return 2 * x"])]
SUMMARY_POST = r"/issues/\d+/comments$"
REVIEW_POST = r"/pulls/\d+/reviews$"
DENIED = "Resource not accessible by integration"
PERMISSION = "give the workflow `permissions: pull-requests: write`"
RERUN = ("it was not retried, since GitHub may have stored it. Re-run the job: a rerun reads what is on the "
         "pull request and posts only what is missing")


@pytest.mark.parametrize("status", [401, 403, 404])
def test_a_summary_the_token_may_not_write_names_the_permission(fake: FakeGitHub, tmp_path: Path,
                                                                status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", SUMMARY_POST, status, message=DENIED)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    said = (f"The review was posted ({review['html_url']}), but the summary comment could not be written "
            f"({status}: {DENIED}); {PERMISSION}.")
    assert f"> {said}" in out.summary
    assert said in out.log
    assert f"Review posted: {review['html_url']} (3 new finding(s), 3 inline)" in out.log


@pytest.mark.parametrize("status", [500, 502])
def test_a_summary_lost_to_a_server_error_asks_for_a_rerun(fake: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", SUMMARY_POST, status, message="Bad gateway")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    said = (f"The review was posted ({review['html_url']}), but the summary comment could not be written "
            f"({status}: Bad gateway); {RERUN}.")
    assert f"> {said}" in out.summary


WRONG = ("GitHub refused the request as wrong, which persona-review should never send: please report it with "
         "this log")


def _findings_kept(out: Outcome, tmp_path: Path) -> None:
    """The findings of a run that ended with an error are still in the job summary and the SARIF file."""
    summary, outputs = out.summary, out.outputs
    assert "`app/orders.py:" in summary and "`app/pay.py:" in summary
    sarif = json.loads((tmp_path / outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
            } == {"app/orders.py", "app/pay.py"}
    assert outputs["findings-count"] != "0"


@pytest.mark.parametrize("status", [400, 402, 405, 422, 499])
def test_a_refusal_that_means_the_request_was_wrong_ends_the_run_with_an_error(
        fake: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", SUMMARY_POST, status, message="Invalid request")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME
    assert f"::error::GitHub API error {status} Invalid request while reviewing pull request #{NUMBER}" in out.log
    (review,) = fake.submitted_reviews()
    said = (f"The review was posted ({review['html_url']}), but the summary comment could not be written "
            f"({status}: Invalid request); {WRONG}.")
    assert f"> {said}" in out.summary and RERUN not in out.summary
    _findings_kept(out, tmp_path)


@pytest.mark.parametrize("status", [400, 405, 499])  # a 422 is read as refused comments
def test_a_review_refused_as_a_wrong_request_ends_the_run_with_an_error(fake: FakeGitHub, tmp_path: Path,
                                                                        status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", REVIEW_POST, status, message="Invalid request")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME
    assert f"GitHub API error {status} Invalid request" in out.log
    assert fake.submitted_reviews() == [] and fake.bot_issue_comments() == []
    why = f"GitHub answered {status}: Invalid request while posting on #{NUMBER}; {WRONG}"
    assert f"findings are reported as annotations only: {why}" in out.log
    assert "::error file=app/orders.py," in out.log and "::warning file=app/pay.py," in out.log
    _findings_kept(out, tmp_path)


@pytest.mark.parametrize("status", [401, 403, 404])
def test_a_review_the_token_may_not_post_posts_nothing_and_names_the_permission(
        fake: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", REVIEW_POST, status, message=DENIED)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    why = f"the token cannot write to pull request #{NUMBER} ({status}: {DENIED}); {PERMISSION}"
    assert f"> **Nothing was posted on the pull request:** {why}." in out.summary
    assert f"findings are reported as annotations only: {why}" in out.log
    assert fake.submitted_reviews() == [] and fake.bot_issue_comments() == []


def test_a_summary_lost_when_nothing_else_was_posted_says_nothing_was_posted(fake: FakeGitHub,
                                                                             tmp_path: Path) -> None:
    fake.open_pull(NUMBER, CLEAN)
    fake.fail("POST", SUMMARY_POST, 502, message="Bad gateway")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    why = f"GitHub answered 502: Bad gateway while posting on #{NUMBER}; {RERUN}"
    assert f"> **Nothing was posted on the pull request:** {why}." in out.summary
    assert "Review posted" not in out.log and "Summary comment:" not in out.log


@pytest.mark.parametrize(("body", "said"), [
    ({"error": "upstream"}, "{'error': 'upstream'}"),  # JSON without GitHub's message: shown whole
    (b"<html>Bad gateway</html>", "{'data': '<html>Bad gateway</html>'}"),  # a page, as PyGithub reads it
    (b"", "no details"),  # no body at all
])
def test_an_error_without_githubs_message_is_shown_as_it_came(fake: FakeGitHub, tmp_path: Path,
                                                              body: object, said: str) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", SUMMARY_POST, 502, body=body)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert f"the summary comment could not be written (502: {said}); {RERUN}." in out.summary


def test_a_summary_posted_without_all_of_its_state_says_so(fake: FakeGitHub, tmp_path: Path) -> None:
    from action.test_huge import huge_tree

    fake.open_tree_pull(NUMBER, {}, huge_tree(1_100))
    fake.fail("POST", SUMMARY_POST, 403, message=DENIED, skip=1)  # the summary goes, its state part does not
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), max_comments="10")
    assert out.code == 0
    (summary,) = fake.bot_issue_comments()
    said = (f"The summary comment was written ({summary['html_url']}), but not all of its hidden state "
            f"(403: {DENIED}); {PERMISSION}.")
    assert f"> {said}" in out.summary and said in out.log


UNSURE = "> **The review may not be on the pull request:** GitHub did not confirm the review"
RERUN_AFTER_UNSURE = ("it was not retried, since a late write could duplicate it. Re-run the job: a rerun reads "
                      "what is on the pull request and posts only what is missing. The findings are in this "
                      "summary, the workflow annotations and the SARIF file.")


def test_the_review_carries_a_run_token_of_the_head_and_twelve_random_hex_digits(fake: FakeGitHub,
                                                                                  tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    head = fake.state.pulls[NUMBER].head.sha
    (token,) = re.findall(r"<!-- persona-review:run=\S* -->", review["body"])
    assert re.fullmatch(rf"<!-- persona-review:run={head[:12]}-[0-9a-f]{{12}} -->", token), token
    (summary,) = fake.bot_issue_comments()
    assert f"[Review]({review['html_url']})" in summary["body"]
    assert f"Summary comment: {summary['html_url']}" in out.log and "GitHub refused" not in out.log
    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    assert "No review posted: nothing new (3 finding(s) reported earlier)" in rerun.log
    assert f"Summary comment: {summary['html_url']}" in rerun.log and len(fake.submitted_reviews()) == 1


@pytest.mark.parametrize("max_comments", ["1", "10"])
def test_a_review_stored_despite_a_502_is_read_back_with_its_inline_comments(
        fake: FakeGitHub, tmp_path: Path, max_comments: str) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail_after("POST", REVIEW_POST, 502)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), max_comments=max_comments)
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    inline = len(fake.state.review_comments)
    assert inline == min(int(max_comments), 3)
    assert f"the review POST failed (502: Server Error); reading back found it stored: {review['html_url']}" \
        in out.log
    assert f"Review posted: {review['html_url']} (3 new finding(s), {inline} inline)" in out.log
    (summary,) = fake.bot_issue_comments()
    assert f"[Review]({review['html_url']})" in summary["body"]
    assert "may not be on the pull request" not in out.summary and "Nothing was posted" not in out.summary


@pytest.mark.parametrize("status", [500, 502])
def test_a_review_lost_to_a_5xx_and_not_found_when_read_back_is_reported_unsure(fake: FakeGitHub,
                                                                              tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", REVIEW_POST, status, message="Bad gateway")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert fake.submitted_reviews() == [] and fake.bot_issue_comments() == [], "not retried, no summary"
    said = (f"{UNSURE} ({status}: Bad gateway) and it was not found when read back, though GitHub may still store "
            f"it; {RERUN_AFTER_UNSURE}")
    assert said in out.summary
    assert "Review posted" not in out.log and "reading back found it stored" not in out.log
    assert "Summary comment:" not in out.log


def test_a_review_whose_read_back_fails_too_is_reported_unsure(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", REVIEW_POST, 503, message="Unavailable")
    fake.fail("GET", REVIEW_POST, 503, times=20, skip=1)  # the first read (before posting) answers
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert fake.submitted_reviews() == [] and fake.bot_issue_comments() == []
    said = (f"{UNSURE} (503: Unavailable) and the reviews could not be read back, so it may or may not be on "
            "the pull request; it was not retried. Re-run the job: a rerun reads what is on the pull request "
            "and posts only what is missing. The findings are in this summary")
    assert said in out.summary
    assert "No review posted" not in out.log and "Summary comment:" not in out.log


def test_a_summary_post_that_gets_no_answer_asks_for_a_rerun(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.stall("POST", SUMMARY_POST, 2)  # the client gives up after 1 s
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), http=QUICK_TIMEOUT)
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    said = (f"The review was posted ({review['html_url']}), but the summary comment could not be written "
            f"(no answer: ReadTimeout); {RERUN}.")
    assert f"> {said}" in out.summary and said in out.log


@pytest.mark.parametrize("pad", [10, 0])
def test_the_summary_holds_as_many_fingerprints_as_fit_in_65000_characters(fake: FakeGitHub, tmp_path: Path,
                                                                            pad: int) -> None:
    """Path lengths decide how much room the listing leaves: padded by 10 the summary comes out at exactly
    65,000 characters; with no padding the next prefix would pass the limit by 2, the blank line before the
    marker."""
    from action.test_huge import THREE

    tree = {f"app/{'x' * pad}mod_{i:04}.sql": THREE for i in range(1_050)}
    fake.open_tree_pull(NUMBER, {}, tree)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), max_comments="10")
    assert out.code == 0
    summary, *parts = (c["body"] for c in fake.bot_issue_comments())
    assert len(parts) == 1 and len(summary) <= SUMMARY_LIMIT and "cut to fit" not in summary
    everything = sorted(set().union(*(prefixes_in(body) for body in (summary, *parts))))
    held = prefixes_in(summary)
    assert held == set(everything[:len(held)]) and len(held) > 3_000
    (marker,) = fps_blobs(everything[:len(held)], SUMMARY_LIMIT)
    (bigger,) = fps_blobs(everything[:len(held) + 1], SUMMARY_LIMIT)
    assert summary.endswith("\n\n" + marker)
    assert len(summary) + len(bigger) - len(marker) > SUMMARY_LIMIT, "one more prefix would not fit"


@pytest.mark.parametrize("run_id", ["1658821493", ""])
def test_a_review_body_past_the_size_limit_says_where_the_rest_is(fake: FakeGitHub, tmp_path: Path,
                                                                  run_id: str) -> None:
    from action.test_huge import huge_tree

    fake.open_tree_pull(NUMBER, {}, huge_tree(1_050))
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), run_id=run_id, max_comments="10")
    assert out.code == 0
    (review,) = fake.submitted_reviews()
    job = (f"[job summary of this run]({fake.root}/{fake.state.owner}/{fake.state.name}/actions/runs/{run_id})"
           if run_id else "job summary of this run")
    assert re.search(r"\*\*\d+ more new findings did not fit in this review\*\* \(GitHub's size limit\): "
                     rf"every finding is in the {re.escape(job)} and its SARIF file; the summary comment lists "
                     "as many as fit\\.", review["body"]), review["body"][-400:]
