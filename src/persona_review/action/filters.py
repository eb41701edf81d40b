"""Which pull requests are reviewed automatically: authors, labels, a WIP title, the base branch, a label.

The inputs win over the config (read from the base branch); an empty input leaves the config's value.
An explicit request (a `/persona-review` comment, a dispatch, the review label being added) is reviewed
whatever these filters say: someone asked for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from persona_review.action.inputs import ActionInputs
from persona_review.config import Config
from persona_review.lazy_re import lazy_re

DEFAULT_IGNORED_AUTHORS = ("dependabot[bot]", "renovate[bot]", "github-actions[bot]")
_WIP = lazy_re(r"^\s*(?:\[\s*(?:wip|draft)\s*\]|\(\s*(?:wip|draft)\s*\)|(?:wip|draft)\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PullFacts:
    author: str
    labels: tuple[str, ...]
    title: str
    base_ref: str


@dataclass(frozen=True, slots=True)
class Filters:
    ignore_authors: tuple[str, ...] = DEFAULT_IGNORED_AUTHORS
    ignore_labels: tuple[str, ...] = ()
    review_label: str | None = None
    base_branches: tuple[str, ...] = ()
    skip_wip: bool = True


def effective_filters(config: Config, inputs: ActionInputs) -> Filters:
    authors = inputs.ignore_authors if inputs.ignore_authors is not None else config.ignore_authors
    return Filters(
        ignore_authors=DEFAULT_IGNORED_AUTHORS if authors is None else authors,
        ignore_labels=inputs.ignore_labels if inputs.ignore_labels is not None else config.ignore_labels,
        review_label=inputs.review_label or config.review_label,
        base_branches=inputs.base_branches if inputs.base_branches is not None else config.base_branches,
        skip_wip=config.skip_wip,
    )


def is_wip(title: str) -> bool:
    return _WIP.match(title) is not None


def why_not_review(facts: PullFacts, filters: Filters, *, added_label: str | None) -> str | None:
    """Why an automatic event does not review this pull request, or None to review it.

    `added_label` is the label of a `labeled` event (None for other events)."""
    if added_label is not None:
        if filters.review_label is None:
            return f"label '{added_label}' was added, and no review-label is configured"
        if added_label.casefold() != filters.review_label.casefold():
            return f"label '{added_label}' was added, not the review label '{filters.review_label}'"
        return None  # the review label itself: an explicit request
    if filters.base_branches and not any(fnmatchcase(facts.base_ref, g) for g in filters.base_branches):
        return (f"its base branch '{facts.base_ref}' is not in base-branches "
                f"({', '.join(filters.base_branches)})")
    ignored = {a.casefold() for a in filters.ignore_authors}
    if facts.author.casefold() in ignored:
        return (f"its author {facts.author} is in ignore-authors (set `ignore-authors: none` to review "
                "every author, or comment /persona-review)")
    labels = {label.casefold(): label for label in facts.labels}
    for wanted in filters.ignore_labels:
        if wanted.casefold() in labels:
            return f"it carries the label '{labels[wanted.casefold()]}' (ignore-labels)"
    if filters.review_label is not None and filters.review_label.casefold() not in labels:
        return f"it does not carry the review label '{filters.review_label}'"
    if filters.skip_wip and is_wip(facts.title):
        return "its title marks it as work in progress (skip-wip: false in the config reviews it)"
    return None
