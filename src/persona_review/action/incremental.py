"""Incremental review: only what changed since the head the summary says was last reviewed.

The compare API (`base...head`) says whether the old head is an ancestor of the new one (`ahead`). When it
is not (force push, rebase) or GitHub no longer knows the commit, the review falls back to the full diff;
fingerprints keep a fallback from reposting anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from github import GithubException
from github.Repository import Repository

from persona_review.action.reader import assemble
from persona_review.diff import Diff, parse_diff
from persona_review.errors import DiffError
from persona_review.findings import Finding


@dataclass(slots=True)
class Scope:
    mode: str
    """"full", "incremental" or "up-to-date"."""
    note: str
    lines: dict[str, set[int]] = field(default_factory=dict)
    """For an incremental review: path -> new-file lines added since the last reviewed head."""

    def restrict(self, diff: Diff) -> Diff:
        if self.mode == "full":
            return diff
        return Diff([f for f in diff.files if f.path in self.lines])

    def keeps_path(self, path: str) -> bool:
        return self.mode == "full" or path in self.lines

    def keep(self, finding: Finding) -> bool:
        if self.mode == "full":
            return True
        added = self.lines.get(finding.path)
        if added is None:
            return False
        if finding.line is None:
            return True
        last = finding.last_line or finding.line
        return any(n in added for n in range(finding.line, last + 1))

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if self.keep(f)]


def full(note: str) -> Scope:
    return Scope("full", note)


def incremental_scope(repo: Repository, last_head: str, head: str) -> Scope:
    if last_head == head:
        return full(f"head {head[:7]} was reviewed before: full review, nothing already posted is repeated")
    try:
        comparison = repo.compare(last_head, head)
        status = comparison.status
    except GithubException as exc:
        if exc.status in (404, 422):
            return full(f"last reviewed head {last_head[:7]} is gone (force push?): full review")
        raise
    if status == "identical":
        return Scope("up-to-date", f"no change since {last_head[:7]}")
    if status != "ahead":
        return full(f"last reviewed head {last_head[:7]} is not an ancestor of {head[:7]} ({status}): "
                    "full review")
    changed = assemble(comparison.files)
    try:
        diff = parse_diff(changed.diff_text)
    except DiffError:
        return full("the compare diff could not be read: full review")
    lines = {f.path: set(f.added) for f in diff.files}
    for path in changed.paths:
        lines.setdefault(path, set())
    return Scope("incremental", f"commits since {last_head[:7]}", lines)
