"""Posting: one review per run with event COMMENT, and the sticky summary comment.

A 422 from GitHub does not say which comment it rejects. We then find the offending comments by probing
with pending reviews (created without an event, deleted at once: invisible to everyone else) and post the
real review once, with the rejected comments moved into its body. A stale pending review of ours (GitHub
allows one per user and pull request) is deleted first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from github import GithubException
from github.PullRequest import PullRequest, ReviewComment
from github.PullRequestReview import PullRequestReview

REVIEW_EVENT = "COMMENT"
"""The only event this action ever submits: it never approves and never requests changes."""
MAX_BODY_CHARS = 65_000
"""GitHub rejects bodies over 65,536 characters."""


class ForbiddenEventError(ValueError):
    pass


@dataclass(slots=True)
class PostOutcome:
    review: PullRequestReview | None = None
    rejected: list[int] = field(default_factory=list)
    """Indexes of the comments GitHub refused; their findings went into the body."""


def _is_pending_conflict(exc: GithubException) -> bool:
    return exc.status == 422 and "pending review" in str(exc.data).lower()


def clear_pending(pr: PullRequest) -> None:
    """Delete our pending reviews (only their author can see a pending review, so any seen is ours)."""
    for review in pr.get_reviews():
        if review.state == "PENDING":
            review.delete()


def _create(
    pr: PullRequest, commit: Any, body: str, comments: list[ReviewComment], event: str | None
) -> PullRequestReview:
    if event not in (REVIEW_EVENT, None):
        raise ForbiddenEventError(f"persona-review only posts {REVIEW_EVENT} reviews, not {event}")
    if event is None:
        return pr.create_review(commit=commit, body=body, comments=comments)
    return pr.create_review(commit=commit, body=body, event=event, comments=comments)


def _accepts(pr: PullRequest, commit: Any, comments: list[ReviewComment]) -> bool:
    """Probe: would GitHub accept these comments? A pending review is created and deleted at once."""
    try:
        probe = _create(pr, commit, "", comments, None)
    except GithubException as exc:
        if exc.status == 422:
            return False
        raise
    probe.delete()
    return True


def isolate_rejected(pr: PullRequest, commit: Any, comments: Sequence[ReviewComment]) -> list[int]:
    """Indexes of the comments GitHub refuses, found by bisection."""
    rejected: list[int] = []

    def walk(indexes: list[int]) -> None:
        if not indexes:
            return
        if _accepts(pr, commit, [comments[i] for i in indexes]):
            return
        if len(indexes) == 1:
            rejected.append(indexes[0])
            return
        mid = len(indexes) // 2
        walk(indexes[:mid])
        walk(indexes[mid:])

    walk(list(range(len(comments))))
    return sorted(rejected)


def post_review(
    pr: PullRequest,
    commit: Any,
    comments: list[ReviewComment],
    make_body: Callable[[list[int]], str],
) -> PostOutcome:
    """Post one COMMENT review. `make_body(rejected)` builds the body given rejected comment indexes."""
    outcome = PostOutcome()
    for _attempt in range(3):
        try:
            outcome.review = _create(pr, commit, _cap(make_body(outcome.rejected)),
                                     _without(comments, outcome.rejected), REVIEW_EVENT)
            return outcome
        except GithubException as exc:
            if exc.status != 422:
                raise
            if _is_pending_conflict(exc):
                clear_pending(pr)
                continue
            outcome.rejected = isolate_rejected(pr, commit, comments)
    # Last resort: everything in the body, so the review is never lost.
    outcome.rejected = list(range(len(comments)))
    outcome.review = _create(pr, commit, _cap(make_body(outcome.rejected)), [], REVIEW_EVENT)
    return outcome


def _without(comments: list[ReviewComment], rejected: list[int]) -> list[ReviewComment]:
    drop = set(rejected)
    return [c for i, c in enumerate(comments) if i not in drop]


def _cap(body: str) -> str:
    """A last guard: bodies are built to fit, so this only cuts text that was never promised to be whole."""
    if len(body) <= MAX_BODY_CHARS:
        return body
    note = "\n\n…(cut to fit GitHub's size limit)"
    return body[: MAX_BODY_CHARS - len(note)].rstrip() + note


def find_review(pr: PullRequest, token: str) -> PullRequestReview | None:
    """Read back: the submitted review whose body carries `token` (a marker unique to one run), if stored."""
    for review in pr.get_reviews():
        if review.state != "PENDING" and token in (review.body or ""):
            return review
    return None


def write_state_parts(pr: PullRequest, parts: dict[int, Any], bodies: list[str]) -> None:
    """The summary's state beyond what fits in it: comment k holds `bodies[k]`, edited in place or created.
    Parts left from a larger state are kept: their fingerprints were reported, and all are read as one set."""
    for index, body in enumerate(bodies):
        existing = parts.get(index)
        if existing is None:
            pr.create_issue_comment(_cap(body))
        elif existing.body != body:
            existing.edit(_cap(body))


def upsert_summary(pr: PullRequest, existing: Any, body: str) -> tuple[str, bool]:
    """Update the sticky summary in place, or create it. Returns (url, created)."""
    body = _cap(body)
    if existing is not None:
        if existing.body != body:
            existing.edit(body)
        return str(existing.html_url), False
    comment = pr.create_issue_comment(body)
    return str(comment.html_url), True
