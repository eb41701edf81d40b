"""open -> review -> rerun -> push -> review -> human resolves and replies -> push -> force push."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from action.scenario import NO_TIMEOUT, NUMBER, SWALLOW, TLS_OFF, added_file, event, run
from fakes.github_server import FakeGitHub
from fakes.github_state import FileChange
from persona_review.action.markers import fingerprints_in, read_state

REFUND = ["import requests", "", *TLS_OFF]


def _fps(comments: list[dict[str, object]]) -> list[str]:
    return [fp for c in comments for fp in fingerprints_in(str(c["body"]))]


def _everything_reported(fake: FakeGitHub) -> set[str]:
    """Fingerprints visible on the PR: inline comments, review bodies and the summary's listing."""
    seen = set(_fps(fake.bot_review_comments()))
    for review in fake.submitted_reviews():
        seen |= fingerprints_in(review["body"])
    (summary,) = fake.bot_issue_comments()
    state = read_state(summary["body"])
    assert state is not None
    return seen | state.reported


def _rewrite(path: str, old: list[str], new: list[str]) -> FileChange:
    body = ["-" + x for x in old] + ["+" + x for x in new]
    return FileChange(path, "modified", f"@@ -1,{len(old)} +1,{len(new)} @@\n" + "\n".join(body))


def test_sequence_never_duplicates(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT)])
    sync = event("pull_request.synchronize")

    first = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"))
    assert first.code == 0
    first_fps = _fps(fake.bot_review_comments())
    assert len(first_fps) == int(first.outputs["findings-count"]) >= 2
    assert len(fake.submitted_reviews()) == 1

    rerun = run(fake, tmp_path / "2", "pull_request", sync)
    assert rerun.code == 0
    assert len(fake.submitted_reviews()) == 1, "a rerun on the same head posts no review"
    assert _fps(fake.bot_review_comments()) == first_fps
    assert len(fake.bot_issue_comments()) == 1, "the summary is updated in place"

    # Push 1: a line on top of orders.py shifts its finding; a new file brings a new finding.
    orders_b = ["# orders", *SWALLOW]
    old_head = fake.state.pulls[NUMBER].head.sha
    fake.push(NUMBER,
              [added_file("app/orders.py", orders_b), added_file("app/pay.py", NO_TIMEOUT),
               added_file("app/refund.py", REFUND)],
              [_rewrite("app/orders.py", SWALLOW, orders_b), added_file("app/refund.py", REFUND)])
    second = run(fake, tmp_path / "3", "pull_request", sync)
    assert second.code == 0
    after_push = fake.bot_review_comments()
    new = [c for c in after_push if fingerprints_in(c["body"]) - set(first_fps)]
    assert [c["path"] for c in new] == ["app/refund.py"], "only the new finding is posted"
    state = read_state(fake.bot_issue_comments()[0]["body"])
    assert state is not None and state.head == fake.state.pulls[NUMBER].head.sha != old_head
    compare_calls = [c for c in fake.calls if "/compare/" in c.path]
    assert compare_calls and compare_calls[-1].path.endswith(f"{old_head}...{state.head}")
    assert f"changed since {old_head[:7]}" in second.summary, "a fast-forward push is reviewed incrementally"

    # A human answers one thread and resolves another.
    ours = fake.bot_review_comments()
    fake.human_reply(new[0]["id"], "Known: the sandbox uses a self-signed certificate.")
    fake.resolve_thread(ours[0]["id"])

    # Push 2: orders.py rewritten with the flagged block moved down; the flagged code is "added" again.
    orders_c = ["# orders", "", "# moved", *SWALLOW]
    files_c = [added_file("app/orders.py", orders_c), added_file("app/pay.py", NO_TIMEOUT),
               added_file("app/refund.py", REFUND)]
    fake.push(NUMBER, files_c, [_rewrite("app/orders.py", orders_b, orders_c)])
    third = run(fake, tmp_path / "4", "pull_request", sync)
    assert third.code == 0
    assert "changed since" in third.summary

    # Force push: the old head is no longer an ancestor -> full review, still nothing reposted.
    fake.push(NUMBER, files_c, files_c, force=True)
    fourth = run(fake, tmp_path / "5", "pull_request", sync, mode="auto")
    assert fourth.code == 0
    assert "full review" in fourth.summary

    fps = _fps(fake.bot_review_comments())
    assert Counter(fps).most_common(1)[0][1] == 1, "no fingerprint is ever posted twice"
    assert len(fps) == len(first_fps) + 1
    assert len(fake.submitted_reviews()) == 2, "reviews only when something new was found"
    assert len(fake.bot_issue_comments()) == 1
    all_findings = int(fourth.outputs["findings-count"])
    assert all_findings == len(fps)
    assert set(fps) <= _everything_reported(fake)
