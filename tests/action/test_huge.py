"""A pull request past GitHub's limits: more files than the files API lists, more findings than a comment
holds. Every finding is where the summary says, the hidden state fits, and a rerun posts nothing.
The full-size case (3,050 files, 9,150 findings) is bench/bench_huge_pr.py; this one lowers the fake's
listing limit to stay fast."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from action.scenario import NUMBER, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.markers import Known, fingerprints_in, fps_blobs, split_blobs

GITHUB_BODY_LIMIT = 65_536
THREE = ("ALTER TABLE orders ADD COLUMN note text NOT NULL;\n"
         "CREATE INDEX customers_note ON customers (note);\n"
         "ALTER TABLE orders DROP COLUMN legacy;\n")
"""A SQL file with three findings (NOT NULL on a live table, an index built without CONCURRENTLY on another
one, a dropped column). These tests are about GitHub's limits, not about any one language's checks: SQL keeps them
quick and out of the tests that every mutant of the Python data-flow layer has to run."""


def huge_tree(files: int) -> dict[str, str]:
    return {f"app/mod_{i:04}.sql": THREE for i in range(files)}


def test_split_state_is_read_back_as_one_set() -> None:
    fps = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(5000)]
    first, rest = split_blobs(fps, 3000, 2000)
    assert len(first) <= 3000 and rest and all(len(b) <= 2000 for b in rest)
    known = Known()
    for blob in [first, *rest]:
        known.add_text(blob)
    assert all(fp in known for fp in fps) and "ffffffffffffffff" not in known
    assert fps_blobs([], 100) == []


def test_past_the_listing_and_comment_limits(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.pull_files_limit = 1_050
    fake.open_tree_pull(NUMBER, {}, huge_tree(1_100))
    out = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"),
              **{"max_comments": "10"})
    assert out.code == 0
    total = int(out.outputs["findings-count"])
    assert total == 3 * 1_100, "the 50 files the files API left out are reviewed too"
    comments = fake.bot_issue_comments()
    assert len(comments) == 2, "the summary, and one comment for the rest of its state"
    assert all(len(c["body"]) <= GITHUB_BODY_LIMIT for c in comments)
    (review,) = fake.submitted_reviews()
    assert len(review["body"]) <= GITHUB_BODY_LIMIT
    summary = comments[0]["body"]
    match = re.search(r"\*\*(\d+) more findings not shown here\*\*", summary)
    assert match is not None and "/actions/runs/1658821493)" in summary, "links to the job summary"
    listed = summary.count("\n- **")
    assert listed + int(match.group(1)) + len(fake.bot_review_comments()) == total, "no claim past what is shown"
    body_shown = len(fingerprints_in(review["body"]))
    assert re.search(rf"\*\*{total - 10 - body_shown} more new findings did not fit", review["body"])
    assert "/actions/runs/1658821493)" in review["body"]
    # The job summary lists every finding (each file's lines), within GitHub's 1 MiB.
    assert len(out.summary.encode()) <= 1_048_576
    for path in huge_tree(1_100):
        assert path in out.summary
    state = Known()
    for comment in comments:
        state.add_text(comment["body"])
    assert len(state.prefixes) == total

    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    assert rerun.code == 0
    assert len(fake.submitted_reviews()) == 1 and len(fake.bot_review_comments()) == 10
    assert len(fake.bot_issue_comments()) == 2
    assert "3300 reported earlier and not repeated" in fake.bot_issue_comments()[0]["body"]


def test_many_skipped_files_keep_the_summary_and_its_state_whole(fake: FakeGitHub, tmp_path: Path) -> None:
    tree = {f"docs/guide/page_{i:04}_with_a_rather_long_name.md": f"Page {i}\n" for i in range(1_500)}
    tree["app/orders.sql"] = THREE
    fake.open_tree_pull(NUMBER, {}, tree)
    out = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"))
    assert out.code == 0 and out.outputs["findings-count"] == "3"
    (summary,) = fake.bot_issue_comments()
    assert len(summary["body"]) <= GITHUB_BODY_LIMIT
    assert "more files not reviewed are not in the table above" in summary["body"]
    assert "docs/guide/page_1499_with_a_rather_long_name.md" in out.summary, "the job summary names them all"
    rerun = run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    assert rerun.code == 0 and len(fake.submitted_reviews()) == 1
    assert "3 reported earlier and not repeated" in fake.bot_issue_comments()[0]["body"]
