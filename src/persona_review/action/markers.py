"""Hidden markers in what we post: a fingerprint per finding, and the state in the summary comment.

The markers are HTML comments, invisible on GitHub. Markers are only believed in comments written by a
bot or by someone with write access, so an outside contributor cannot plant one to hide a finding.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from persona_review.action.events import WRITE_ASSOCIATIONS

FP_PREFIX = "persona-review:fp="
SUMMARY_TAG = "persona-review:summary"
_FP = re.compile(r"<!-- persona-review:fp=([0-9a-f]{8,64}) -->")
_STATE = re.compile(r"<!-- persona-review:summary (\{.*?\}) -->", re.DOTALL)
_SHA = re.compile(r"^[0-9a-f]{7,64}$")


def fingerprint_marker(fingerprint: str) -> str:
    return f"<!-- {FP_PREFIX}{fingerprint} -->"


def fingerprints_in(text: str | None) -> set[str]:
    return set(_FP.findall(text or ""))


def trusted_author(user_type: str | None, association: str | None) -> bool:
    return user_type == "Bot" or (association or "") in WRITE_ASSOCIATIONS


@dataclass(slots=True)
class SummaryState:
    """What the sticky summary remembers between runs."""

    head: str | None = None
    """The head commit last reviewed."""
    reported: set[str] = field(default_factory=set)
    """Fingerprints ever reported on this pull request (inline, in a review body or in the summary)."""

    def marker(self) -> str:
        data = {"head": self.head, "fps": sorted(self.reported)}
        return f"<!-- {SUMMARY_TAG} {json.dumps(data, separators=(',', ':'))} -->"


def read_state(text: str | None) -> SummaryState | None:
    """The state in a summary comment's body, or None when the body is not one of our summaries."""
    match = _STATE.search(text or "")
    if match is None:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return SummaryState()
    if not isinstance(data, dict):
        return SummaryState()
    head = data.get("head")
    fps = data.get("fps")
    return SummaryState(
        head=head if isinstance(head, str) and _SHA.match(head) else None,
        reported={f for f in fps if isinstance(f, str)} if isinstance(fps, list) else set(),
    )
