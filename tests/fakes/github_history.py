"""File trees of the fake's commits and the diffs between them, made the way git makes them.

A commit built from a tree (path -> text) can be compared with any other such commit: the patch of each
changed file is a unified diff with 3 lines of context and git's default hunk heading (the nearest line
above the hunk that starts with a letter, `_` or `$`), as GitHub's files and compare APIs send it.
"""

from __future__ import annotations

import difflib
import re

from fakes.github_state import FileChange, blob_sha

__all__ = ["Tree", "blob_sha", "file_patch", "tree_changes"]

Tree = dict[str, str]
_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@$")
_FUNCNAME = re.compile(r"^[A-Za-z_$]")


def _heading(old: list[str], old_start: int) -> str:
    for index in range(min(old_start, len(old) + 1) - 2, -1, -1):
        if _FUNCNAME.match(old[index]):
            return " " + old[index].rstrip()[:80]
    return ""


def file_patch(old_text: str, new_text: str) -> str:
    old, new = old_text.splitlines(), new_text.splitlines()
    out: list[str] = []
    for line in list(difflib.unified_diff(old, new, lineterm="", n=3))[2:]:
        match = _HUNK.match(line)
        out.append(line + _heading(old, int(match.group(1))) if match else line)
    return "\n".join(out)


RENAME_SIMILARITY = 0.5
"""git's default for rename detection (`-M50%`): a removed and an added file this alike are a rename."""


def tree_changes(old: Tree, new: Tree) -> list[FileChange]:
    """The files that differ between two trees, sorted by path, as files-API entries; a removed file whose
    text is at least half the same as an added one's is reported as renamed, as git and GitHub do."""
    out: list[FileChange] = []
    removed = sorted(p for p in old if p not in new)
    added = [p for p in new if p not in old]
    renamed: dict[str, str] = {}
    for path in removed:
        best = max(((_similarity(old[path], new[a]), a) for a in added if a not in renamed), default=None)
        if best is not None and best[0] >= RENAME_SIMILARITY:
            renamed[best[1]] = path
    gone = set(renamed.values())
    for path in sorted((set(old) | set(new)) - gone):
        before, after = old.get(path), new.get(path)
        if path in renamed:
            earlier = old[renamed[path]]
            patch = file_patch(earlier, new[path]) if earlier != new[path] else None
            out.append(FileChange(path, "renamed", patch, previous_filename=renamed[path], content=new[path]))
        elif before == after:
            continue
        elif before is None:
            out.append(FileChange(path, "added", file_patch("", after or "")))
        elif after is None:
            out.append(FileChange(path, "removed", file_patch(before, "")))
        else:
            out.append(FileChange(path, "modified", file_patch(before, after)))
    return out


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False).ratio()
