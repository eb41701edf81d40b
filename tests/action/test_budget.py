"""API calls per run stay small and do not grow with the number of findings (bench: bench_github_calls.py)."""

from __future__ import annotations

from pathlib import Path

from action.scenario import NUMBER, SWALLOW, added_file, event, modified_file, run
from fakes.github_server import FakeGitHub


def _calls_for(fake: FakeGitHub, tmp: Path, findings: int, max_comments: str) -> int:
    files = [added_file(f"app/ok_{i:03}.py", [f"V{i} = {i}"]) for i in range(200 - findings)]
    files += [added_file(f"app/bad_{i:02}.py", SWALLOW) for i in range(findings)]
    fake.open_pull(NUMBER, files)
    out = run(fake, tmp, "pull_request", event("pull_request.opened"), max_comments=max_comments)
    assert out.outputs["findings-count"] == str(findings)
    return out.calls


def test_200_files_45_findings_within_12_calls(fake: FakeGitHub, tmp_path: Path) -> None:
    assert _calls_for(fake, tmp_path, 45, "10") <= 12


def test_calls_do_not_grow_with_inline_comments(fake: FakeGitHub, tmp_path: Path) -> None:
    few = _calls_for(fake, tmp_path / "few", 3, "30")
    fake.state.pulls.clear()
    fake.state.reviews.clear()
    fake.state.review_comments.clear()
    fake.state.issue_comments.clear()
    many = _calls_for(fake, tmp_path / "many", 45, "30")
    assert len(fake.bot_review_comments()) == 30
    assert many == few


def test_200_modified_files_with_contents_fetched_within_12_calls(fake: FakeGitHub, tmp_path: Path) -> None:
    """Whole-file context for every file costs two GraphQL calls, not one call per file."""
    doc = ['"""Orders.', "", "Cancelling deletes the row.", '"""', "", ""]
    files = [modified_file(f"app/models/ok_{i:03}.py", ["import os", "", f"V{i} = {i}"], [f"W{i} = {i}"], [""])
             for i in range(155)]
    files += [modified_file(f"app/models/bad_{i:02}.py", doc, SWALLOW, ["", "", "X = 1"]) for i in range(45)]
    fake.open_pull(NUMBER, files)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.outputs["findings-count"] == "45"
    assert fake.graphql.objects_served == 200
    assert out.calls <= 12
