"""What checks see of each reviewed file: the whole file when its text can be had and matches the diff,
else the hunks.

The text comes from a `FileSource`: the working tree for the CLI (`WorkspaceFiles`), the PR head's
checkout or the API for the Action (`action.contents`). A file whose diff already shows all of it (an
added file in one hunk) needs no source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from persona_review.checks.base import FileContext
from persona_review.diff import DiffFile, FileStatus
from persona_review.languages import detect_language

MAX_WHOLE_FILE_BYTES = 2_000_000


class FileSource(Protocol):
    def read(self, paths: Sequence[str]) -> Mapping[str, str]:
        """The head text of each path it can give (others are left out)."""
        ...


class WorkspaceFiles:
    """Files of a checkout or working tree (the CLI's source). Paths leaving the root are refused."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, paths: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for path in paths:
            data = read_inside(self.root, path)
            if data is not None and b"\0" not in data[:8192]:
                out[path] = data.decode("utf-8", errors="replace")
        return out


def read_inside(root: Path, path: str, max_bytes: int = MAX_WHOLE_FILE_BYTES) -> bytes | None:
    """The bytes of regular file `path` under `root`; None when it is missing, too large, a symlink, or
    resolves outside `root`."""
    base = root.resolve()
    candidate = base / path
    try:
        if candidate.is_symlink() or not candidate.resolve().is_relative_to(base):
            return None
        if not candidate.is_file() or candidate.stat().st_size > max_bytes:
            return None
        return candidate.read_bytes()
    except (OSError, ValueError):
        return None


def shown_whole(diff_file: DiffFile) -> bool:
    """An added file's diff shows all of it: its one hunk is the whole file."""
    return diff_file.status is FileStatus.ADDED and len(diff_file.hunks) == 1


def build_contexts(
    files: Sequence[DiffFile],
    source: FileSource | None,
    max_lines: int,
    log: Callable[[str], None] | None = None,
) -> dict[str, FileContext]:
    """A context per file, with the whole text from `source` for the files whose diff is not already all
    of them. Files longer than `max_lines` are reviewed from their hunks, with a log line."""
    wanted = [f.path for f in files if not shown_whole(f)]
    texts = source.read(wanted) if source is not None and wanted else {}
    contexts: dict[str, FileContext] = {}
    for f in files:
        text = texts.get(f.path)
        count = 0 if text is None else text.count("\n") + (0 if text.endswith("\n") else 1)
        if count > max_lines:
            if log is not None:
                log(f"{f.path}: {count} lines, over max-file-lines ({max_lines}); reviewed from its hunks")
            text = None
        contexts[f.path] = build_context(f, text=text)
    return contexts


def build_context(
    diff_file: DiffFile, workspace: Path | None = None, *, text: str | None = None
) -> FileContext:
    """A FileContext for `diff_file`, whole when `text` (or the file in `workspace`) is given. The text is
    used only if every added line matches it, so a copy at another commit can never put a finding on a
    wrong line."""
    if text is None and workspace is not None:
        text = WorkspaceFiles(workspace).read([diff_file.path]).get(diff_file.path)
    lines = matching_lines(diff_file, text) if text is not None else None
    whole = lines is not None or shown_whole(diff_file)
    return FileContext(
        path=diff_file.path,
        language=detect_language(diff_file.path),
        lines=lines if lines is not None else diff_file.new_side_lines(),
        added=frozenset(diff_file.added),
        whole_file=whole,
        is_new_file=diff_file.status == FileStatus.ADDED,
        sections={} if whole else {h.new_start: h.section for h in diff_file.hunks if h.section.strip()},
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


def matching_lines(diff_file: DiffFile, text: str) -> dict[int, str] | None:
    """`text`'s lines by number, if it holds every line the diff adds where the diff says; else None."""
    lines = {i: line.rstrip("\r") for i, line in enumerate(text.split("\n"), start=1)}
    for no, added in diff_file.added.items():
        if lines.get(no) != added:
            return None
    return lines
