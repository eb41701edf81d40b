"""What checks see of each reviewed file: the whole file from a workspace when it matches, else the hunks."""

from __future__ import annotations

from pathlib import Path

from persona_review.checks.base import FileContext
from persona_review.diff import DiffFile, FileStatus
from persona_review.languages import detect_language

MAX_WHOLE_FILE_BYTES = 2_000_000


def build_context(diff_file: DiffFile, workspace: Path | None = None) -> FileContext:
    """A FileContext for `diff_file`. The workspace copy is used only if every added line matches it,
    so a working tree at another commit can never put a finding on a wrong line."""
    lines = _whole_file(diff_file, workspace) if workspace is not None else None
    # An added file's diff shows all of it: its hunks are the whole file.
    whole = lines is not None or (diff_file.status is FileStatus.ADDED and len(diff_file.hunks) == 1)
    return FileContext(
        path=diff_file.path,
        language=detect_language(diff_file.path),
        lines=lines if lines is not None else diff_file.new_side_lines(),
        added=frozenset(diff_file.added),
        whole_file=whole,
        is_new_file=diff_file.status == FileStatus.ADDED,
    )


def context_for_text(path: str, text: str) -> FileContext:
    """A FileContext for a whole new file, every line added (used by `eval` and tests)."""
    lines = {i: line for i, line in enumerate(text.splitlines(), start=1)}
    return FileContext(
        path=path,
        language=detect_language(path),
        lines=lines,
        added=frozenset(lines),
        whole_file=True,
        is_new_file=True,
    )


def _whole_file(diff_file: DiffFile, workspace: Path) -> dict[int, str] | None:
    root = workspace.resolve()
    candidate = (root / diff_file.path).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    try:
        if candidate.stat().st_size > MAX_WHOLE_FILE_BYTES:
            return None
        data = candidate.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    text = data.decode("utf-8", errors="replace")
    lines = {i: line.rstrip("\r") for i, line in enumerate(text.split("\n"), start=1)}
    for no, added in diff_file.added.items():
        if lines.get(no) != added:
            return None
    return lines
