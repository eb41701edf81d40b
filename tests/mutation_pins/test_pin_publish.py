"""What a run says when GitHub refuses part of what it posts: which step failed, GitHub's status and
message, and what to do (give a permission, or re-run). A refusal that means our request is wrong ends
the run with an error instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from action.scenario import NO_TIMEOUT, NUMBER, SWALLOW, TLS_OFF, added_file, event, run
from fakes.github_server import FakeGitHub
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


@pytest.mark.parametrize("status", [400, 402, 405, 422, 499])
def test_a_refusal_that_means_the_request_was_wrong_ends_the_run_with_an_error(
        fake: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", SUMMARY_POST, status, message="Invalid request")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME
    assert f"GitHub API error {status} Invalid request" in out.log
    assert "but the summary comment could not be written" not in out.summary


@pytest.mark.parametrize("status", [400, 405, 499])  # a 422 is read as refused comments
def test_a_review_refused_as_a_wrong_request_ends_the_run_with_an_error(fake: FakeGitHub, tmp_path: Path,
                                                                        status: int) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", REVIEW_POST, status, message="Invalid request")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME
    assert f"GitHub API error {status} Invalid request" in out.log
    assert fake.submitted_reviews() == [] and fake.bot_issue_comments() == []


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
