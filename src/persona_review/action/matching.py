"""Which findings were reported before, given the fingerprints read from the pull request.

A finding is known when its fingerprint (code and enclosing scope) was reported. Otherwise its rank
fingerprints (same code in the same file, counted in line order: the scheme of earlier versions) say how
many findings with its code were reported; that many of the same code, beyond those already matched, are
known too. This recognises what earlier versions posted, and findings whose scope reads differently now
(a hunk that grew), without letting a copy take its original's place: the copy has a new scope, and the
original matches first. Findings on lines the push did not add are matched before those on lines it added.
A finding in a file the push renamed is also known by the fingerprint it had under the earlier path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable

from persona_review.findings import Finding, fingerprint_key, rank_fingerprints


def known_findings(
    findings: Iterable[Finding], known: Container[str], fresh: Callable[[Finding], bool] | None = None
) -> set[int]:
    """Indexes (in `findings`' order) of the findings reported before."""
    items = list(findings)
    out = {i for i, f in enumerate(items)
           if f.fingerprint in known or (f.earlier_fingerprint and f.earlier_fingerprint in known)}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(items):
        groups[fingerprint_key(f)].append(i)
    for indexes in groups.values():
        unmatched = [i for i in indexes if i not in out]
        if not unmatched:
            continue
        reported = sum(1 for fp in rank_fingerprints(items[indexes[0]], len(indexes)) if fp in known)
        room = reported - (len(indexes) - len(unmatched))
        if room <= 0:
            continue
        order = sorted(unmatched, key=lambda i: (bool(fresh and fresh(items[i])), items[i].line or 0))
        out.update(order[:room])
    return out
