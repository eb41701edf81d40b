"""What the triggering event asks for: review a pull request, skip, or refuse a comment command."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from persona_review.errors import UsageError

COMMAND = "/persona-review"
REVIEW_ACTIONS = frozenset({"opened", "synchronize", "reopened", "ready_for_review"})
WRITE_ASSOCIATIONS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
PR_EVENTS = frozenset({"pull_request", "pull_request_target"})


class Verdict(StrEnum):
    REVIEW = "review"
    SKIP = "skip"
    REFUSE = "refuse"


@dataclass(frozen=True, slots=True)
class EventDecision:
    verdict: Verdict
    reason: str
    pr_number: int | None = None
    from_fork: bool = False
    """A `pull_request` event from a fork: the token is read-only and secrets are withheld."""
    commenter: str | None = None
    explicit: bool = False
    """Someone asked for this review (comment command, dispatch, pr-number): the filters do not apply."""
    added_label: str | None = None
    """The label of a `labeled` event: reviewed only when it is the review label."""


def load_event(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the event payload at GITHUB_EVENT_PATH={path}: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"the event payload at {path} is not a JSON object")
    return data


def _get(data: Mapping[str, Any], *keys: str) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def decide(event_name: str, payload: Mapping[str, Any], pr_input: int | None,
           review_label: str | None = None) -> EventDecision:
    """Turn the event into a verdict. `pr_input` is the `pr-number` input (dispatch, or any event);
    `review_label` the `review-label` input, when given (else the config's is checked later)."""
    if event_name in PR_EVENTS:
        return _pull_request(event_name, payload, pr_input, review_label)
    if event_name == "issue_comment":
        return _comment(payload)
    if event_name == "workflow_dispatch":
        number = pr_input or _dispatch_number(payload)
        if number is None:
            raise UsageError("workflow_dispatch needs the 'pr-number' input (the pull request to review)")
        return EventDecision(Verdict.REVIEW, f"manual dispatch for #{number}", number, explicit=True)
    if pr_input is not None:
        return EventDecision(Verdict.REVIEW, f"{event_name or 'run'} with pr-number {pr_input}", pr_input,
                             explicit=True)
    reason = f"event '{event_name}' is not about a pull request and no pr-number was given"
    return EventDecision(Verdict.SKIP, reason)


def _dispatch_number(payload: Mapping[str, Any]) -> int | None:
    inputs = payload.get("inputs")
    if not isinstance(inputs, Mapping):
        return None
    for key in ("pr-number", "pr_number", "pr"):
        value = inputs.get(key)
        if value not in (None, ""):
            try:
                return int(str(value))
            except ValueError:
                raise UsageError(f"dispatch input {key}={value!r} is not a pull request number") from None
    return None


def _pull_request(event_name: str, payload: Mapping[str, Any], pr_input: int | None,
                  review_label: str | None) -> EventDecision:
    action = payload.get("action")
    number = payload.get("number") or _get(payload, "pull_request", "number")
    if not isinstance(number, int):
        raise UsageError(f"the {event_name} payload has no pull request number")
    head = _get(payload, "pull_request", "head", "repo", "full_name")
    base = _get(payload, "pull_request", "base", "repo", "full_name")
    fork = event_name == "pull_request" and head is not None and head != base
    if action == "labeled":
        label = str(_get(payload, "label", "name") or "")
        if review_label is not None and label.casefold() != review_label.casefold():
            return EventDecision(Verdict.SKIP, f"label '{label}' was added, not the review label "
                                 f"'{review_label}'", number)
        return EventDecision(Verdict.REVIEW, f"{event_name} labeled '{label}'", number, from_fork=fork,
                             added_label=label)
    if action not in REVIEW_ACTIONS:
        if pr_input is not None:
            return EventDecision(Verdict.REVIEW, f"{event_name} '{action}' with pr-number {pr_input}",
                                 pr_input, explicit=True)
        return EventDecision(Verdict.SKIP, f"{event_name} '{action}' does not trigger a review", number)
    return EventDecision(Verdict.REVIEW, f"{event_name} {action}", number, from_fork=fork)


def _comment(payload: Mapping[str, Any]) -> EventDecision:
    if payload.get("action") != "created":
        return EventDecision(Verdict.SKIP, "issue_comment that was not newly created")
    issue = payload.get("issue")
    if not isinstance(issue, Mapping) or not isinstance(issue.get("pull_request"), Mapping):
        return EventDecision(Verdict.SKIP, "the comment is on an issue, not on a pull request")
    body = str(_get(payload, "comment", "body") or "").strip()
    first = body.splitlines()[0].strip() if body else ""
    if first.split(" ", 1)[0] != COMMAND:
        return EventDecision(Verdict.SKIP, f"the comment does not start with {COMMAND}")
    number = issue.get("number")
    if not isinstance(number, int):
        raise UsageError("the issue_comment payload has no issue number")
    user = str(_get(payload, "comment", "user", "login") or "someone")
    association = str(_get(payload, "comment", "author_association") or "NONE")
    if association not in WRITE_ASSOCIATIONS:
        return EventDecision(
            Verdict.REFUSE,
            f"{user} ({association}) asked for a review but has no write access",
            number,
            commenter=user,
        )
    return EventDecision(Verdict.REVIEW, f"{COMMAND} from {user}", number, commenter=user, explicit=True)


def refusal_text(user: str) -> str:
    return (
        f"Thanks for asking, @{user}. `{COMMAND}` runs only for people with write access to this "
        "repository (owners, members and collaborators), because a review spends the repository's "
        "model budget. A maintainer can start it by commenting the same command."
    )
