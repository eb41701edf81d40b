"""Which config keys a pull request's own branch may set, when the base branch allows it.

With `config-from: head` in the base branch's config, the Action reads the config at the pull request's
head too. That file is written by whoever opened the pull request, so it is trusted only for what shapes
the review itself: which files, which categories, how many comments, which findings to ignore (or which
opt-in checks to add, which only adds findings), and which
database the migration advice is for (`database`: like `categories`, it can only change which migration
findings are shown and how they read, and a pull request that moves to another engine is reviewed for the
engine it moves to). Every other
key comes from the base branch, whatever the head says:

- where model requests go and with which credentials: `provider`, `base-url`, `model`, `region`,
  `project-id`, `proxy` (a head that named its own server would receive the repository's API key);
- what a run may spend on the repository's key: `max-input-tokens`, `max-request-tokens`,
  `max-cost-usd`, `concurrency`, `timeout-seconds`;
- what fails the check: `fail-on`, `fail-on-model-error` (a pull request does not loosen its own gate);
- `config-from` itself, and any key added later: this is an allow-list, so a new key is base-only until
  someone decides otherwise here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

HEAD_KEYS = frozenset({
    "persona",
    "include",
    "exclude",
    "include-tests",
    "categories",
    "min-severity",
    "min-confidence",
    "max-comments",
    "max-file-lines",
    "database",
    "review-drafts",
    "ignore",
    "enable-checks",
})
"""The keys honoured from the pull request's head under `config-from: head`."""


@dataclass(frozen=True, slots=True)
class MergedConfig:
    data: dict[str, Any]
    """The keys to build the run's Config from."""
    ignored: tuple[str, ...]
    """Base-only keys to which the head's config gives a value other than the base branch's (sorted).
    A key both branches set alike is not listed: the head's copy changes nothing."""


def merge_head_config(base: Mapping[str, Any], head: Mapping[str, Any]) -> MergedConfig:
    """The head's review-shaping keys over the base branch's everything else.

    A review-shaping key the head leaves out takes its default, as it would if the head's file were the
    only config; a base-only key always has the base branch's value (or its default)."""
    data = {key: value for key, value in base.items() if key not in HEAD_KEYS}
    data.update({key: value for key, value in head.items() if key in HEAD_KEYS})
    ignored = tuple(sorted(key for key, value in head.items()
                           if key not in HEAD_KEYS and (key not in base or base[key] != value)))
    return MergedConfig(data, ignored)
