"""Checks give the same findings on a hunk-only diff as on the whole file (the bar from issue 3).

For each fixture, the "old" version drops the marked lines and a few more, so the diff has several hunks
that start and end mid-function. Findings from the hunks alone must equal findings from the whole new file
restricted to the added lines (which is what the whole-file context reports)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import CATEGORIES, MARK, fixture_paths


def _diff(name: str, old: list[str], new: list[str], context: int) -> str:
    lines = difflib.unified_diff(
        [f"{line}\n" for line in old], [f"{line}\n" for line in new], f"a/{name}", f"b/{name}", n=context
    )
    return f"diff --git a/{name} b/{name}\n" + "".join(lines)


def _old_version(new: list[str], every: int) -> list[str]:
    """The new file minus its marked lines and every `every`-th other line."""
    return [line for i, line in enumerate(new) if not MARK.search(line) and i % every != every - 1]


def _findings(path: Path, diff_text: str, workspace: Path | None) -> set[tuple[int, str]]:
    (diff_file,) = list(parse_diff(diff_text))
    ctx = build_context(diff_file, workspace)
    assert ctx.whole_file is (workspace is not None)
    return {(f.line, f.rule_id or "") for f in run_checks([ctx], categories=CATEGORIES).findings}


def _both(path: Path, every: int, context: int, tmp_path: Path) -> tuple[set[tuple[int, str]], ...]:
    new = path.read_text().splitlines()
    diff_text = _diff(path.name, _old_version(new, every), new, context)
    (tmp_path / path.name).write_text(path.read_text())
    return _findings(path, diff_text, tmp_path), _findings(path, diff_text, None)


@pytest.mark.parametrize("every", [3, 5, 11])
@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.name)
def test_hunks_match_whole_file(path: Path, every: int, tmp_path: Path) -> None:
    """With git's default three lines of context, hunks alone give exactly the whole-file findings."""
    whole, hunks = _both(path, every, 3, tmp_path)
    assert whole, "the diff should add lines with findings"
    assert sorted(hunks - whole) == [], "findings only seen in hunks"
    assert sorted(whole - hunks) == [], "findings lost without the whole file"


@pytest.mark.parametrize("context", [0, 1])
@pytest.mark.parametrize("every", [3, 5, 11])
@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.name)
def test_thin_hunks_never_add_findings(path: Path, every: int, context: int, tmp_path: Path) -> None:
    """With less context a check may miss a construct whose body is outside the hunk, but a fragment must
    never produce a finding the whole file does not have."""
    whole, hunks = _both(path, every, context, tmp_path)
    assert sorted(hunks - whole) == []
