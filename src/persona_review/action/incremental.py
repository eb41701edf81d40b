"""Incremental review: what changed since the head the summary says was last reviewed.

The deterministic checks always run on every file of the pull request: they are cheap, and a push can
create a finding on a line it did not add (a deleted `log.exception` leaves a bare `except: pass`), so
only a full pass loses nothing; fingerprints keep it from reposting. The incremental scope narrows what is
costly, the model review, to the hunks the push touched (added lines and their context, which covers pure
deletions), and tells the matching which lines are new.

The compare API (`last...head`) says whether the old head is an ancestor of the new one (`ahead`). When it
is not (force push, rebase), GitHub no longer knows the commit, or the push changed more files than compare
lists (300), the review is full.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from github import GithubException
from github.Repository import Repository

from persona_review.action.reader import assemble
from persona_review.diff import parse_diff
from persona_review.errors import DiffError
from persona_review.findings import Finding

COMPARE_FILE_LIMIT = 300
"""GitHub's compare lists at most 300 files; a push that reaches it may have changed more."""


@dataclass(slots=True)
class Scope:
    mode: str
    """"full", "incremental" or "up-to-date"."""
    note: str
    touched: dict[str, set[int]] = field(default_factory=dict)
    """For an incremental review: path -> new-side lines of the hunks the push touched (added and context)."""
    added: dict[str, set[int]] = field(default_factory=dict)
    """For an incremental review: path -> new-file lines the push added."""
    renamed: dict[str, str] = field(default_factory=dict)
    """For an incremental review: path now -> path at the last reviewed head, for files the push renamed."""

    def model_lines(self) -> dict[str, set[int]] | None:
        """What the model reviews: None for everything, else the touched hunks."""
        return None if self.mode == "full" else self.touched

    def fresh(self, finding: Finding) -> bool:
        """Whether a finding sits on a line this push added (every line counts as added in a full review)."""
        if self.mode == "full":
            return True
        lines = self.added.get(finding.path)
        if lines is None:
            return False
        if finding.line is None:
            return True
        last = finding.last_line or finding.line
        return any(n in lines for n in range(finding.line, last + 1))


def full(note: str) -> Scope:
    return Scope("full", note)


def incremental_scope(repo: Repository, last_head: str, head: str) -> Scope:
    if last_head == head:
        return full(f"head {head[:7]} was reviewed before: full review, nothing already posted is repeated")
    try:
        comparison = repo.compare(last_head, head)
        status = comparison.status
        files = comparison.files
    except GithubException as exc:
        if exc.status in (404, 422):
            return full(f"last reviewed head {last_head[:7]} is gone (force push?): full review")
        raise
    if status == "identical":
        return Scope("up-to-date", f"no change since {last_head[:7]}")
    if status != "ahead":
        return full(f"last reviewed head {last_head[:7]} is not an ancestor of {head[:7]} ({status}): "
                    "full review")
    if len(files) >= COMPARE_FILE_LIMIT:
        return full(f"the push since {last_head[:7]} changed {len(files)} files or more, the most GitHub's "
                    "compare lists: full review")
    changed = assemble(files)
    try:
        diff = parse_diff(changed.diff_text)
    except DiffError:
        return full("the compare diff could not be read: full review")
    touched = {f.path: set(f.new_side_lines()) for f in diff.files}
    added = {f.path: set(f.added) for f in diff.files}
    for path in changed.paths:
        touched.setdefault(path, set())
        added.setdefault(path, set())
    renamed = {f.filename: f.previous_filename for f in files
               if f.status == "renamed" and f.previous_filename and f.previous_filename != f.filename}
    files_word = "file" if len(changed.paths) == 1 else "files"
    return Scope("incremental", f"checks on every file; the model on the {len(changed.paths)} {files_word} "
                 f"changed since {last_head[:7]}, their changed hunks", touched, added, renamed)
