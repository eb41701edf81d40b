"""What earlier runs left on the pull request: the sticky summary and the fingerprints already posted.

Review comments come from the REST list (one call per 100). A thread a human resolved keeps its comment
in that list, and a reply does too, so "already posted" covers resolved and answered threads without
GraphQL: a fingerprint once posted is never posted again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from github.GithubObject import GithubObject
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest

from persona_review.action.markers import (
    SummaryState,
    fingerprints_in,
    read_state,
    trusted_author,
)


@dataclass(slots=True)
class Existing:
    summary: IssueComment | None = None
    state: SummaryState = field(default_factory=SummaryState)
    posted: set[str] = field(default_factory=set)
    """Fingerprints in our review comments (open, outdated, resolved or replied to)."""

    @property
    def known(self) -> set[str]:
        return self.posted | self.state.reported


def raw(item: GithubObject) -> dict[str, Any]:
    """The JSON GitHub sent for a list item. The plain `GithubObject.raw_data` getter is used because the
    completable subclass's getter would fetch the item again (one call per comment) when lazy."""
    data: dict[str, Any] = GithubObject.raw_data.fget(item)  # type: ignore[attr-defined]
    return data


def _trusted(item: GithubObject) -> bool:
    data = raw(item)
    user = data.get("user") or {}
    return trusted_author(user.get("type"), data.get("author_association"))


def read_existing(pr: PullRequest) -> Existing:
    out = Existing()
    for comment in pr.get_issue_comments():
        if not _trusted(comment):
            continue
        state = read_state(comment.body)
        if state is not None and out.summary is None:
            out.summary = comment
            out.state = state
    for rc in pr.get_review_comments():
        if _trusted(rc):
            out.posted |= fingerprints_in(rc.body)
    return out
