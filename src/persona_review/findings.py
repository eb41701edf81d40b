"""The one Finding model that checks, the model review and every reporter share."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from persona_review.digests import sha256
from persona_review.lazy_re import lazy_re


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Higher is worse: critical=4 ... low=1."""
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}


class Category(StrEnum):
    ERROR_HANDLING = "error-handling"
    SECURITY = "security"
    MIGRATION_SAFETY = "migration-safety"
    DATA_INTEGRITY = "data-integrity"
    API_DESIGN = "api-design"


class Placement(StrEnum):
    """Where a finding can be shown. Set by anchoring; nothing is dropped, only placed."""

    UNPLACED = "unplaced"
    INLINE = "inline"
    """On a commentable line of the diff."""
    FILE = "file"
    """About a file, or a line the diff does not show: goes to the review body / summary."""


SOURCE_CHECKS = "checks"
SOURCE_MODEL = "model"


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int | None
    """New-file line number, or None for a finding about the whole file."""
    category: Category
    severity: Severity
    checklist_item: str
    """Id of the checklist item violated, e.g. "SEC-01"."""
    title: str
    body: str
    source: str = SOURCE_CHECKS
    """"checks", "model", or "checks+model" once merged."""
    rule_id: str = ""
    """Id of the check that produced it (e.g. "PY-SQL-FSTRING"), or "model"."""
    end_line: int | None = None
    suggested_fix: str | None = None
    """Replacement text for lines line..end_line, when the fix is a line replacement."""
    code: str = ""
    """The source text of the flagged line (used for fingerprints and re-anchoring)."""
    confidence: float = 1.0
    placement: Placement = Placement.UNPLACED
    fingerprint: str = ""
    """Identity by what the finding is: category, path, checklist item, code and enclosing scope."""
    earlier_fingerprint: str = ""
    """The fingerprint this finding had before its file was renamed (by a push since the last review), so
    the rename alone does not post it again; empty when the file kept its path."""
    rank_fingerprint: str = ""
    """The fingerprint of versions before 0.2 (code and rank among same-code findings in the file). Kept to
    recognise what those versions posted, and to match findings whose scope could not be read alike."""
    explanation: str = ""
    """The general rule behind the finding (the same for every finding of a check); `body` is about this
    code. Markdown shows it collapsed, once per report."""
    members: tuple[Finding, ...] = ()
    """When several findings were merged into this one comment: each of them as it was reported, with
    its own confidence and fingerprint (empty for a finding that stands alone)."""

    def replace(self, **changes: object) -> Finding:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def last_line(self) -> int | None:
        return self.end_line if self.end_line is not None else self.line


_SPACE = lazy_re(r"\s+")


def normalize_code(text: str) -> str:
    """Code with white space folded, so re-indenting or reflowing does not change a fingerprint."""
    return _SPACE.sub(" ", text).strip()


def fingerprint_key(finding: Finding) -> str:
    return "\x1f".join(
        (finding.category.value, finding.path, finding.checklist_item, normalize_code(finding.code))
    )


FINGERPRINT_VERSION = "2"


def _digest(*parts: str) -> str:
    digest: str = sha256("\x1f".join(parts).encode()).hexdigest()
    return digest[:16]


def assign_fingerprints(
    findings: Iterable[Finding], scope_of: Callable[[Finding], str] | None = None
) -> list[Finding]:
    """Give each finding two fingerprints that leave out the line number, so edits elsewhere keep them.

    `fingerprint` is category, path, checklist item, normalized code and the enclosing function or class
    (`scope_of`), so a copy of a flagged line in another function is a new finding and the original keeps
    its identity. Identical findings in one scope are told apart by order. `rank_fingerprint` is the
    earlier scheme (order among same-code findings in the whole file), used only to recognise old posts.
    """
    items = list(findings)
    scopes = [scope_of(f) if scope_of is not None and f.line is not None else "" for f in items]
    order, digests = _digests(items, scopes)
    return [items[i].replace(fingerprint=digests[i][0], rank_fingerprint=digests[i][1]) for i in order]


def with_earlier_fingerprints(
    findings: Iterable[Finding],
    earlier_paths: Mapping[str, str],
    scope_of: Callable[[Finding], str] | None = None,
) -> list[Finding]:
    """Findings in files a push renamed (`earlier_paths`: path now -> path before) get the fingerprint they
    had under the earlier path: the same scope (read at the path now) and order among the file's findings."""
    items = list(findings)
    moved = [i for i, f in enumerate(items) if earlier_paths.get(f.path, f.path) != f.path]
    if not moved:
        return items
    before = [items[i].replace(path=earlier_paths[items[i].path]) for i in moved]
    scopes = [scope_of(items[i]) if scope_of is not None and items[i].line is not None else "" for i in moved]
    _order, digests = _digests(before, scopes)
    for n, i in enumerate(moved):
        items[i] = items[i].replace(earlier_fingerprint=digests[n][0])
    return items


def _digests(items: list[Finding], scopes: list[str]) -> tuple[list[int], list[tuple[str, str]]]:
    """The findings' order (by path, line, checklist item, rule) and each one's (fingerprint, rank)."""
    order = sorted(range(len(items)), key=lambda i: (items[i].path, items[i].line or 0,
                                                     items[i].checklist_item, items[i].rule_id))
    by_rank: dict[str, int] = {}
    by_scope: dict[tuple[str, str], int] = {}
    digests = [("", "")] * len(items)
    for i in order:
        key = fingerprint_key(items[i])
        rank = by_rank.get(key, 0)
        by_rank[key] = rank + 1
        occurrence = by_scope.get((key, scopes[i]), 0)
        by_scope[(key, scopes[i])] = occurrence + 1
        fingerprint = _digest("v" + FINGERPRINT_VERSION, key, scopes[i], str(occurrence))
        digests[i] = (fingerprint, _digest(key, str(rank)))
    return order, digests


def rank_fingerprints(finding: Finding, count: int) -> list[str]:
    """The rank fingerprints the first `count` findings sharing `finding`'s code key would have."""
    key = fingerprint_key(finding)
    return [_digest(key, str(i)) for i in range(count)]


def sort_key(finding: Finding) -> tuple[int, str, int]:
    """Most severe first, then by place."""
    return (-finding.severity.rank, finding.path, finding.line or 0)
