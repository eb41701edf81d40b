"""Which findings go inline, which into the review body, and which were posted before."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
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
MAX_PER_SPOT = 10
"""At most this many findings share one comment (a comment holds 65,536 characters); more go to the body."""
SIDE = "RIGHT"


@dataclass(slots=True)
class ReviewPlan:
    inline: list[Finding] = field(default_factory=list)
    body: list[Finding] = field(default_factory=list)
    """New findings that go into the review body: file-level, not commentable, or over the cap."""
    known: list[Finding] = field(default_factory=list)
    """Findings reported by an earlier run (same fingerprint): not posted again."""
    same_spot: dict[str, list[Finding]] = field(default_factory=dict)
    """Fingerprint of an inline finding -> the new findings whose lines overlap it. They are posted in its
    comment (one comment per spot, not a stack of them) and do not count against the inline cap."""

    @property
    def new(self) -> list[Finding]:
        return [*self.inline, *self.sharing, *self.body]

    @property
    def sharing(self) -> list[Finding]:
        """The findings posted in another finding's comment."""
        return [f for group in self.same_spot.values() for f in group]

    def with_spot(self, finding: Finding) -> list[Finding]:
        """An inline finding and those that share its comment."""
        return [finding, *self.same_spot.get(finding.fingerprint, ())]


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
            continue
        if not commentable(f, files):
            plan.body.append(f)
            continue
        lead = next((g for g in plan.inline if _overlap(f, g)), None)
        if lead is not None and len(plan.with_spot(lead)) < MAX_PER_SPOT:
            plan.same_spot.setdefault(lead.fingerprint, []).append(f)
        elif lead is None and len(plan.inline) < cap:
            plan.inline.append(f)
        else:
            plan.body.append(f)
    return plan


def _overlap(a: Finding, b: Finding) -> bool:
    if a.path != b.path or a.line is None or b.line is None:
        return False
    return a.line <= (b.last_line or b.line) and b.line <= (a.last_line or a.line)


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


def comment_body(finding: Finding, repo_url: str, *, suggestion: bool = True,
                 sharing: Sequence[Finding] = ()) -> str:
    """One finding's comment, with the findings that share its spot below it (each text once; their
    suggestions are left out, since GitHub applies a suggestion to the comment's own lines)."""
    texts = [render_finding(clean(finding, repo_url), suggestion=suggestion)]
    seen = {render_finding(clean(finding, repo_url), suggestion=False)}
    for other in sharing:
        text = render_finding(clean(other, repo_url), suggestion=False)
        if text not in seen:
            seen.add(text)
            texts.append(text)
    markers = "\n".join(markers_of(f) for f in (finding, *sharing))
    return "\n\n---\n\n".join(texts) + "\n\n" + markers


def markers_of(finding: Finding) -> str:
    """The hidden fingerprints a posted finding carries: its own, and its rank fingerprint for matching."""
    marker = fingerprint_marker(finding.fingerprint)
    return f"{marker} {rank_marker(finding.rank_fingerprint)}" if finding.rank_fingerprint else marker


def review_comment(finding: Finding, repo_url: str, sharing: Sequence[Finding] = ()) -> ReviewComment:
    """The `comments[]` item of POST /pulls/{n}/reviews for one inline finding (and those at its spot)."""
    assert finding.line is not None
    end = finding.last_line or finding.line
    item: ReviewComment = {
        "path": finding.path,
        "body": comment_body(finding, repo_url, sharing=sharing),
        "line": end,
        "side": SIDE,
    }
    if end > finding.line:
        item["start_line"] = finding.line
        item["start_side"] = SIDE
    return item
