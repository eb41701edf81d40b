"""Options teams expect: skip bots and chosen authors, ignore labels and WIP titles, review on a label, only
some base branches. Driven through the entrypoint against the fake GitHub with real webhook payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.events import Verdict, decide
from persona_review.action.filters import is_wip
from persona_review.config import parse_config

FILES = [added_file("app/orders.py", SWALLOW)]


def _reviewed(fake: FakeGitHub) -> bool:
    return len(fake.submitted_reviews()) == 1


@pytest.mark.parametrize("bot", ["dependabot[bot]", "renovate[bot]", "github-actions[bot]"])
def test_bot_pull_requests_are_skipped_by_default(fake: FakeGitHub, tmp_path: Path, bot: str) -> None:
    fake.open_pull(NUMBER, FILES, author=bot)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and not _reviewed(fake)
    assert f"its author {bot} is in ignore-authors" in out.log
    assert "Skipped" in out.summary and out.outputs["findings-count"] == "0"


def test_ignore_authors_none_reviews_bots_and_a_list_replaces_the_default(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES, author="dependabot[bot]")
    run(fake, tmp_path / "a", "pull_request", event("pull_request.opened"), ignore_authors="none")
    assert _reviewed(fake)
    fake.open_pull(3, FILES, author="dependabot[bot]")
    run(fake, tmp_path / "b", "pull_request", event("pull_request.opened", number=3), ignore_authors="Alice")
    assert len(fake.submitted_reviews()) == 2, "a given list replaces the bot default"
    fake.open_pull(4, FILES, author="alice")
    out = run(fake, tmp_path / "c", "pull_request", event("pull_request.opened", number=4),
              ignore_authors="Alice, bob")
    assert len(fake.submitted_reviews()) == 2 and "alice is in ignore-authors" in out.log


def test_comment_command_reviews_an_ignored_author(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES, author="dependabot[bot]", title="WIP: bump")
    payload = event("issue_comment.created",
                    issue={"number": NUMBER, "pull_request": {"url": "https://api.github.com/x"}},
                    comment={"body": "/persona-review", "author_association": "MEMBER"})
    assert run(fake, tmp_path, "issue_comment", payload).code == 0
    assert _reviewed(fake), "someone asked: the filters do not apply"


def test_ignore_labels_skip_and_the_config_on_the_base_branch_sets_them(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, FILES, labels=["Do Not Review", "bug"])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "ignore-labels: [do not review]\n")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert not _reviewed(fake) and "carries the label 'Do Not Review' (ignore-labels)" in out.log
    out = run(fake, tmp_path / "2", "pull_request", event("pull_request.opened"), ignore_labels="none")
    assert _reviewed(fake), "the input wins over the config"


@pytest.mark.parametrize("title", ["WIP: orders", "[WIP] orders", "wip orders", "Draft: orders", "(wip) x"])
def test_wip_titles_are_skipped(fake: FakeGitHub, tmp_path: Path, title: str) -> None:
    fake.open_pull(NUMBER, FILES, title=title)
    out = run(fake, tmp_path, "pull_request", event("pull_request.synchronize"))
    assert not _reviewed(fake) and "work in progress" in out.log


def test_wip_detection_keeps_ordinary_titles() -> None:
    assert not any(is_wip(t) for t in ["Wipe stale sessions", "Drafts API", "Fix WIP limit", "swipe"])


def test_skip_wip_false_in_the_config_reviews_them(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, FILES, title="WIP: orders")
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "skip-wip: false\n")
    run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert _reviewed(fake)


def test_base_branch_filter_uses_globs(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES, base_ref="feature/x")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), base_branches="main, release/*")
    assert not _reviewed(fake) and "base branch 'feature/x' is not in base-branches" in out.log
    fake.open_pull(3, FILES, base_ref="release/2.1")
    run(fake, tmp_path / "2", "pull_request", event("pull_request.opened", number=3),
        base_branches="main, release/*")
    assert len(fake.submitted_reviews()) == 1


def test_review_label_added_starts_a_review(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES, labels=["ai-review"])
    payload = event("pull_request.labeled", label={"name": "ai-review"})
    out = run(fake, tmp_path, "pull_request", payload, review_label="ai-review")
    assert out.code == 0 and _reviewed(fake)


def test_review_label_from_the_config(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, FILES, labels=["bug"])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "review-label: ai-review\n")
    out = run(fake, tmp_path, "pull_request", event("pull_request.labeled"))  # the example adds "bug"
    assert not _reviewed(fake) and "label 'bug' was added, not the review label 'ai-review'" in out.log
    out = run(fake, tmp_path / "2", "pull_request", event("pull_request.opened"))
    assert not _reviewed(fake) and "does not carry the review label 'ai-review'" in out.log
    fake.state.pulls[NUMBER].labels = ["bug", "AI-Review"]
    run(fake, tmp_path / "3", "pull_request", event("pull_request.labeled", label={"name": "AI-Review"}))
    assert _reviewed(fake)


def test_other_labels_are_skipped_without_calling_github_when_the_input_names_the_label(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "pull_request", event("pull_request.labeled"), review_label="ai-review")
    assert out.code == 0 and out.calls == 0 and "not the review label" in out.log


def test_labeled_without_any_review_label_is_skipped(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "pull_request", event("pull_request.labeled"))
    assert not _reviewed(fake) and "no review-label is configured" in out.log
    assert decide("pull_request", event("pull_request.unlabeled"), None).verdict is Verdict.SKIP


def test_pr_number_input_reviews_on_any_pull_request_action(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "pull_request", event("pull_request.unlabeled"), pr_number=str(NUMBER))
    assert out.code == 0 and _reviewed(fake)


def test_config_keys_parse_and_validate() -> None:
    config = parse_config("ignore-authors: []\nignore-labels: [skip]\nreview-label: go\nbase-branches: [main]\n"
                          "skip-wip: false\n", "test")
    assert (config.ignore_authors, config.ignore_labels, config.review_label, config.base_branches,
            config.skip_wip) == ((), ("skip",), "go", ("main",), False)
    assert parse_config("", "test").ignore_authors is None
