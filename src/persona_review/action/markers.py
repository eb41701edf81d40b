"""Hidden markers in what we post: a fingerprint per finding, and the state in the summary comment.

The markers are HTML comments, invisible on GitHub. Markers are only believed in comments written by a
bot or by someone with write access, so an outside contributor cannot plant one to hide a finding.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from persona_review.action.events import WRITE_ASSOCIATIONS
from persona_review.lazy_re import lazy_re

FP_PREFIX = "persona-review:fp="
SUMMARY_TAG = "persona-review:summary"
_FP = lazy_re(r"<!-- persona-review:fp=([0-9a-f]{8,64}) -->")
_STATE = lazy_re(r"<!-- persona-review:summary (\{.*?\}) -->", re.DOTALL)
_SHA = lazy_re(r"^[0-9a-f]{7,64}$")


_RANK = lazy_re(r"<!-- persona-review:rank=([0-9a-f]{8,64}) -->")


def fingerprint_marker(fingerprint: str) -> str:
    return f"<!-- {FP_PREFIX}{fingerprint} -->"


def rank_marker(fingerprint: str) -> str:
    """The rank fingerprint of a finding (see `matching`), apart from its identity."""
    return f"<!-- persona-review:rank={fingerprint} -->"


def fingerprints_in(text: str | None) -> set[str]:
    return set(_FP.findall(text or ""))


def trusted_author(user_type: str | None, association: str | None) -> bool:
    return user_type == "Bot" or (association or "") in WRITE_ASSOCIATIONS


PREFIX_HEX = 12
"""Fingerprints are kept in the summary's state as their first 48 bits: a new finding is mistaken for a
known one with odds of about n / 2**48 (3e-11 for 9,000 findings)."""
_BLOB = lazy_re(r"<!-- persona-review:fps ([A-Za-z0-9+/=]+) -->")
STATE_PART_TAG = "persona-review:state-part"


def fps_blobs(fingerprints: Iterable[str], max_chars: int) -> list[str]:
    """The fingerprints as hidden markers of at most `max_chars` each (sorted 48-bit prefixes, zlib, base64).

    Markers are read back as a union wherever they are found, so the state may be split across comments."""
    prefixes = sorted({f[:PREFIX_HEX] for f in fingerprints if len(f) >= PREFIX_HEX})
    out: list[str] = []
    start = 0
    while start < len(prefixes):
        blob, used = _blob(prefixes[start:], max_chars)
        if not used:
            break
        out.append(blob)
        start += used
    return out


def split_blobs(fingerprints: Iterable[str], first_room: int, chunk: int) -> tuple[str, list[str]]:
    """One marker of at most `first_room` characters (the summary's spare room), the rest in `chunk`s."""
    prefixes = sorted({f[:PREFIX_HEX] for f in fingerprints if len(f) >= PREFIX_HEX})
    first, used = _blob(prefixes, first_room)
    return first, fps_blobs(prefixes[used:], chunk)


def _blob(prefixes: list[str], max_chars: int) -> tuple[str, int]:
    """A marker holding as many of `prefixes` (from the first) as fit in `max_chars`, and how many it holds.

    The most that fit, so the state takes as few markers (and comments) as it can: a binary search on the
    count, since compressed sizes are known only by compressing."""
    fits, over = 0, len(prefixes) + 1  # `fits` prefixes fit; `over` or more were found not to
    while over - fits > 1:
        count = (fits + over) // 2
        if len(_marker(prefixes[:count])) <= max_chars:
            fits = count
        else:
            over = count
    return (_marker(prefixes[:fits]), fits) if fits else ("", 0)


def _marker(prefixes: list[str]) -> str:
    raw = bytes.fromhex("".join(prefixes))
    return f"<!-- persona-review:fps {base64.b64encode(zlib.compress(raw, 9)).decode()} -->"


def prefixes_in(text: str | None) -> set[str]:
    out: set[str] = set()
    for packed in _BLOB.findall(text or ""):
        try:
            raw = zlib.decompress(base64.b64decode(packed, validate=True))
        except (ValueError, zlib.error):
            continue
        step = PREFIX_HEX // 2
        out |= {raw[i:i + step].hex() for i in range(0, len(raw) - step + 1, step)}
    return out


@dataclass(slots=True)
class Known:
    """Fingerprints reported before: in full (from the markers on each finding) or as 48-bit prefixes."""

    full: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    identities: set[str] = field(default_factory=set)
    """The `fp=` markers only (not rank markers): what the summary's state keeps besides this run's."""

    def __contains__(self, fingerprint: object) -> bool:
        return isinstance(fingerprint, str) and (
            fingerprint in self.full or fingerprint[:PREFIX_HEX] in self.prefixes
        )

    def add_text(self, text: str | None) -> None:
        identities = fingerprints_in(text)
        self.identities |= identities
        self.full |= identities | set(_RANK.findall(text or ""))
        self.prefixes |= prefixes_in(text)



@dataclass(slots=True)
class SummaryState:
    """What the sticky summary remembers between runs: the head reviewed. The fingerprints reported are
    kept apart, as `fps_blobs` markers (version 2) or, from earlier versions, a JSON list."""

    head: str | None = None
    """The head commit last reviewed."""
    reported: set[str] = field(default_factory=set)
    """Fingerprints listed in a version-1 state."""

    def marker(self) -> str:
        data = {"head": self.head, "v": 2}
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


def state_part(index: int, blob: str) -> str:
    return (f"<!-- {STATE_PART_TAG} {index} -->\n_persona-review bookkeeping ({index + 1}): the fingerprints "
            f"of the findings already reported on this pull request, kept so reruns repeat none._\n{blob}")


def part_index(text: str | None) -> int | None:
    match = re.search(rf"<!-- {STATE_PART_TAG} (\d+) -->", text or "")
    return int(match.group(1)) if match else None
