"""What earlier runs left on the pull request: the sticky summary, its state, and every fingerprint reported.

Nothing is taken from the run's own memory: fingerprints are read from the markers in review comments
(open, outdated, resolved or replied to: a resolved thread keeps its comment in the REST list), review
bodies, the summary and its state parts, by the bot or by anyone with write access. A fingerprint found in
any of them is never posted again, so a run that failed half-way (a review stored, the summary not updated)
is completed by a rerun without a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from github.GithubObject import GithubObject
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest

from persona_review.action.markers import (
    Known,
    SummaryState,
    fingerprints_in,
    part_index,
    read_state,
    trusted_author,
)


@dataclass(slots=True)
class Existing:
    summary: IssueComment | None = None
    state: SummaryState = field(default_factory=SummaryState)
    parts: dict[int, IssueComment] = field(default_factory=dict)
    """Comments that hold the rest of the summary's state on a pull request with many findings."""
    known: Known = field(default_factory=Known)
    """Every fingerprint reported: review comments, review bodies, the summary and its state parts."""
    inline: set[str] = field(default_factory=set)
    """Fingerprints in review comments (findings shown inline)."""


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
        body = comment.body
        state = read_state(body)
        if state is not None and out.summary is None:
            out.summary = comment
            out.state = state
            out.known.full |= state.reported
            out.known.identities |= state.reported
        index = part_index(body)
        if index is not None and index not in out.parts:
            out.parts[index] = comment
        out.known.add_text(body)
    for rc in pr.get_review_comments():
        if _trusted(rc):
            out.known.add_text(rc.body)
            out.inline |= fingerprints_in(rc.body)
    _read_review_bodies(pr, out)
    return out


def _read_review_bodies(pr: PullRequest, out: Existing) -> None:
    for review in pr.get_reviews():
        data = raw(review)
        if not _trusted(review) or data.get("state") == "PENDING":
            continue
        out.known.add_text(data.get("body"))
