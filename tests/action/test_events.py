"""Which events review what: dispatch, the comment command, drafts, actions that do not trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.events import Verdict, decide
from persona_review.errors import UsageError

FILES = [added_file("app/orders.py", SWALLOW)]


def _pr_comment(body: str, association: str) -> dict[str, object]:
    """The real issue_comment payload, moved onto a pull request (no upstream example is on one)."""
    return event("issue_comment.created",
                 issue={"number": NUMBER, "pull_request": {"url": f"https://api.github.com/repos/x/y/pulls/{NUMBER}"}},
                 comment={"body": body, "author_association": association})


def test_dispatch_reviews_the_given_pull_request(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(7, FILES)
    out = run(fake, tmp_path, "workflow_dispatch", event("workflow_dispatch"), pr_number="7")
    assert out.code == 0
    assert len(fake.bot_review_comments()) == 1
    assert any(c.path.endswith("/pulls/7") for c in fake.calls)


def test_dispatch_without_a_number_is_a_usage_error(fake: FakeGitHub, tmp_path: Path) -> None:
    out = run(fake, tmp_path, "workflow_dispatch", event("workflow_dispatch"))
    assert out.code == 2
    assert "pr-number" in out.log


def test_comment_command_from_outsider_is_refused_politely(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "issue_comment", _pr_comment("/persona-review please", "CONTRIBUTOR"))
    assert out.code == 0
    (reply,) = fake.bot_issue_comments()
    assert "Thanks for asking, @Codertocat" in reply["body"] and "write access" in reply["body"]
    assert fake.state.reviews == []


def test_comment_command_from_member_runs_the_review(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "issue_comment", _pr_comment("/persona-review", "MEMBER"))
    assert out.code == 0
    assert len(fake.submitted_reviews()) == 1


@pytest.mark.parametrize("body", ["looks good", "please /persona-review", "/persona-reviewer"])
def test_other_comments_are_ignored(body: str) -> None:
    assert decide("issue_comment", _pr_comment(body, "OWNER"), None).verdict is Verdict.SKIP


def test_comment_on_a_plain_issue_is_ignored() -> None:
    payload = event("issue_comment.created", comment={"body": "/persona-review"})
    assert decide("issue_comment", payload, None).verdict is Verdict.SKIP


def test_draft_is_skipped_until_ready(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, FILES, draft=True)
    out = run(fake, tmp_path / "a", "pull_request", event("pull_request.opened"))
    assert out.code == 0 and "draft" in out.summary
    assert fake.state.reviews == []
    pull.draft = False
    out = run(fake, tmp_path / "b", "pull_request", event("pull_request.ready_for_review"))
    assert out.code == 0
    assert len(fake.submitted_reviews()) == 1


def test_drafts_reviewed_when_configured(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, FILES, draft=True)
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "review-drafts: true\n")
    assert run(fake, tmp_path, "pull_request", event("pull_request.opened")).code == 0
    assert len(fake.submitted_reviews()) == 1


@pytest.mark.parametrize("name", ["pull_request.opened", "pull_request.reopened", "pull_request.synchronize",
                                  "pull_request.ready_for_review"])
def test_real_pull_request_payloads_trigger_a_review(name: str) -> None:
    decision = decide("pull_request", event(name), None)
    assert decision.verdict is Verdict.REVIEW and decision.pr_number == NUMBER and not decision.from_fork


def test_closed_action_does_not_review() -> None:
    assert decide("pull_request", event("pull_request.opened", action="closed"), None).verdict is Verdict.SKIP


def test_pull_request_target_from_a_fork_may_write() -> None:
    payload = event("pull_request.opened", pull_request={"head": {"repo": {"full_name": "outsider/x"}}})
    assert decide("pull_request", payload, None).from_fork
    assert not decide("pull_request_target", payload, None).from_fork


def test_unrelated_event_without_number_is_skipped() -> None:
    assert decide("push", {}, None).verdict is Verdict.SKIP
    assert decide("schedule", {}, 5).pr_number == 5
    with pytest.raises(UsageError):
        decide("pull_request", {"action": "opened"}, None)
