"""Which findings go inline, which into the review body, and which were posted before."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field

from github.PullRequest import ReviewComment

from persona_review.action.markers import fingerprint_marker, rank_marker
from persona_review.action.matching import known_findings
from persona_review.diff import Diff, DiffFile
from persona_review.findings import SOURCE_MODEL, Finding, Placement
from persona_review.placement import place
from persona_review.reporters.markdown import render_finding
from persona_review.sanitize import sanitize_code, sanitize_markdown

MAX_INLINE_PER_REQUEST = 30
SIDE = "RIGHT"


@dataclass(slots=True)
class ReviewPlan:
    inline: list[Finding] = field(default_factory=list)
    body: list[Finding] = field(default_factory=list)
    """New findings that go into the review body: file-level, not commentable, or over the cap."""
    known: list[Finding] = field(default_factory=list)
    """Findings reported by an earlier run (same fingerprint): not posted again."""

    @property
    def new(self) -> list[Finding]:
        return [*self.inline, *self.body]


def commentable(finding: Finding, files: Mapping[str, DiffFile]) -> bool:
    """True when GitHub will accept an inline comment on the finding's line (and range), per our diff.

    A second look at the posting boundary: `placement.place` decides it, and a range it would have to
    shorten (one that leaves its hunk) is not commented inline."""
    if finding.placement is not Placement.INLINE:
        return False
    placed = place(finding, files)
    return placed.placement is Placement.INLINE and placed.end_line == finding.end_line


def plan_review(
    findings: Iterable[Finding],
    known: Container[str],
    diff: Diff,
    max_comments: int,
    fresh: Callable[[Finding], bool] | None = None,
) -> ReviewPlan:
    """Split findings (already sorted most severe first): the first `max_comments` commentable new ones
    inline (never more than 30, GitHub's per-request budget we keep to), every other new one in the body.
    Known findings (see `matching`) are not posted again."""
    cap = min(max(max_comments, 0), MAX_INLINE_PER_REQUEST)
    files = diff.by_path()
    plan = ReviewPlan()
    items = list(findings)
    old = known_findings(items, known, fresh)
    for i, f in enumerate(items):
        if i in old:
            plan.known.append(f)
        elif len(plan.inline) < cap and commentable(f, files):
            plan.inline.append(f)
        else:
            plan.body.append(f)
    return plan


def clean(finding: Finding, repo_url: str) -> Finding:
    """Model-written text made safe to post (invisible characters, links, mentions, size)."""
    if SOURCE_MODEL not in finding.source:
        return finding
    fix = finding.suggested_fix
    return finding.replace(
        title=sanitize_markdown(finding.title, repo_url=repo_url, max_chars=300),
        body=sanitize_markdown(finding.body, repo_url=repo_url),
        suggested_fix=sanitize_code(fix) if fix is not None else None,
    )


def comment_body(finding: Finding, repo_url: str, *, suggestion: bool = True) -> str:
    return render_finding(clean(finding, repo_url), suggestion=suggestion) + "\n\n" + markers_of(finding)


def markers_of(finding: Finding) -> str:
    """The hidden fingerprints a posted finding carries: its own, and its rank fingerprint for matching."""
    marker = fingerprint_marker(finding.fingerprint)
    return f"{marker} {rank_marker(finding.rank_fingerprint)}" if finding.rank_fingerprint else marker


def review_comment(finding: Finding, repo_url: str) -> ReviewComment:
    """The `comments[]` item of POST /pulls/{n}/reviews for one inline finding."""
    assert finding.line is not None
    end = finding.last_line or finding.line
    item: ReviewComment = {
        "path": finding.path,
        "body": comment_body(finding, repo_url),
        "line": end,
        "side": SIDE,
    }
    if end > finding.line:
        item["start_line"] = finding.line
        item["start_side"] = SIDE
    return item
