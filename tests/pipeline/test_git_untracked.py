"""`review --base REF` in a work tree reviews files not yet `git add`-ed, and leaves the repository as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from persona_review.cli import main

SWALLOW = "def h():\n    try:\n        return 1\n    except Exception:\n        pass\n"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _snapshot(git_dir: Path) -> dict[str, str]:
    """Every file under .git with a hash of its bytes: any write to the repository shows here."""
    return {
        p.relative_to(git_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(git_dir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    root = tmp_path / "repo"
    (root / "api").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "t@example.com")
    _git(root, "config", "user.name", "t")
    (root / "api" / "tracked.py").write_text("def t():\n    return 1\n")
    (root / ".gitignore").write_text("build/\n*.log\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    # The work tree: a tracked file changed, a staged new file, and files nobody has added yet.
    (root / "api" / "tracked.py").write_text(SWALLOW)
    (root / "api" / "staged.py").write_text(SWALLOW)
    _git(root, "add", "api/staged.py")
    (root / "api" / "untracked.py").write_text("x = 1\n" + SWALLOW)
    (root / "api" / "we[i]rd name*.py").write_text(SWALLOW)
    (root / "build").mkdir()
    (root / "build" / "ignored.py").write_text(SWALLOW)
    (root / "api" / "debug.log").write_text("noise\n")
    nested = root / "vendored"
    nested.mkdir()
    _git(nested, "init", "-q")
    (nested / "inner.py").write_text(SWALLOW)
    monkeypatch.chdir(root)
    return root


def _review(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object], str]:
    code = main(["review", "--base", "main", "--offline", "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_untracked_files_are_reviewed_like_added_ones(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, err = _review(capsys)
    assert code == 0 and "untracked" not in err
    files = {f["path"] for f in doc["files"]}  # type: ignore[attr-defined]
    assert files == {"api/tracked.py", "api/staged.py", "api/untracked.py", "api/we[i]rd name*.py"}
    swallowed = {
        (f["path"], f["line"])
        for f in doc["findings"]  # type: ignore[attr-defined]
        if f["checklist_item"] == "ERR-01"
    }
    assert swallowed == {
        ("api/tracked.py", 4),
        ("api/staged.py", 4),
        ("api/untracked.py", 5),
        ("api/we[i]rd name*.py", 4),
    }


def test_the_repository_is_left_byte_for_byte_as_it_was(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(repo / ".git")
    status = _git(repo, "status", "--porcelain")
    _review(capsys)
    assert _snapshot(repo / ".git") == before
    assert _git(repo, "status", "--porcelain") == status
    assert "?? api/untracked.py" in status


def test_a_git_that_cannot_add_intent_says_in_one_line_what_it_left_out(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A git too old for `add --pathspec-from-file` (before 2.25) answers as it would.
    real = shutil.which("git")
    assert real is not None
    shim_dir = tmp_path / "old-git"
    shim_dir.mkdir()
    shim = shim_dir / "git"
    shim.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in --pathspec-from-file*) '
        "echo \"error: unknown option \\`pathspec-from-file=-'\" >&2; exit 129;; esac; done\n"
        f'exec {real} "$@"\n'
    )
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{shim_dir}{os.pathsep}{os.environ['PATH']}")
    code, doc, err = _review(capsys)
    assert code == 0
    assert {f["path"] for f in doc["files"]} == {"api/tracked.py", "api/staged.py"}  # type: ignore[attr-defined]
    (line,) = [ln for ln in err.splitlines() if "untracked" in ln]
    assert "2 untracked file(s) left out of the review" in line and "unknown option" in line


def test_with_head_the_work_tree_plays_no_part(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _git(repo, "commit", "-qam", "feature")
    code = main(["review", "--base", "main~1", "--head", "main", "--offline", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and {f["path"] for f in doc["files"]} == {"api/tracked.py", "api/staged.py"}


def test_a_flood_of_untracked_files_is_left_out_in_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("persona_review.gitdiff.MAX_UNTRACKED_FILES", 1)
    code, doc, err = _review(capsys)
    assert code == 0
    assert {f["path"] for f in doc["files"]} == {"api/tracked.py", "api/staged.py"}  # type: ignore[attr-defined]
    (line,) = [ln for ln in err.splitlines() if "untracked" in ln]
    assert line.startswith("persona-review: 2 untracked files left out of the review (more than 1)")
