"""What the archive-extraction checks (Python, Go, Java) share: the wording of the class ("zip slip").

An archive's entry names are data from whoever made the archive: `../../etc/cron.d/x` or an absolute
path. Extracting an entry to `join(destination, name)` without checking that the result stays under the
destination writes wherever the archive says. Each language's check reports the place a name becomes a
path (or the library call that does it) when the code around it shows no such check."""

from __future__ import annotations

from persona_review.checks.base import CheckSpec
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

ITEM = "SEC-14"
TITLE = "Archive entry names used as paths without a containment check (zip slip)"
EXPLANATION = (
    "An archive's entry names come from whoever built the archive: an entry named `../../app/config.py` "
    "or `/etc/cron.d/job` is written outside the destination, over code or configuration the server runs. "
    "Resolve each target and refuse it unless it stays under the destination (`filepath.IsLocal(name)` or a "
    "`strings.HasPrefix` on the cleaned path in Go; `target.normalize().startsWith(dest)` in Java; "
    "`tar.extractall(dest, filter=\"data\")` in Python 3.12+)."
)


CHECKER_CALL = lazy_re(r"\b\w*(?:[Tt]raversal|[Ss]lip|[Ss]afe\w*[Pp]ath|[Ss]anitiz\w*[Pp]ath|[Ii]nside|"
                          r"[Ww]ithin|[Cc]ontained|[Ee]scapes?)\w*\s*\(")
"""A call of a helper named for the containment check (`checkDirectoryTraversal(dest, target)`,
`sanitizeArchivePath`, `isWithin`): its body is trusted to do what its name says."""


def spec(check_id: str, language: str) -> CheckSpec:
    """The Go and Java checks' spec (high: an archive upload is a way to overwrite the server's files)."""
    return CheckSpec(id=check_id, checklist_item=ITEM, category=Category.SECURITY, severity=Severity.HIGH,
                     languages=frozenset({language}), title=TITLE, explanation=EXPLANATION)
