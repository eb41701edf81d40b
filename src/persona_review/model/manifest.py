"""A short manifest of the PR's reviewed files and the symbols their added lines define, shown with every
request so that each part is read knowing what else the change touches (a migration next to the model it
alters, a route next to the middleware it relies on)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from persona_review.diff import DiffFile
from persona_review.lazy_re import lazy_re

MAX_FILES = 60
MAX_SYMBOLS = 6

_SYMBOL = lazy_re(
    r"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:def|class|func|function|fn|module|interface|struct"
    r"|type)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)"
    r"|^\s*(?:CREATE|ALTER|DROP)\s+(?:TABLE|INDEX|VIEW)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?([\w.\"]+)",
    re.IGNORECASE,
)


def manifest(files: Sequence[DiffFile]) -> str:
    """One line per file: path, status, added/removed line counts, and up to `MAX_SYMBOLS` symbols."""
    rows = []
    for diff_file in sorted(files, key=lambda f: f.path)[:MAX_FILES]:
        removed = sum(1 for h in diff_file.hunks for line in h.lines if line.kind == "-")
        symbols = list(dict.fromkeys(
            name for text in diff_file.added.values() if (m := _SYMBOL.match(text))
            for name in m.groups() if name))
        named = f": {', '.join(symbols[:MAX_SYMBOLS])}" if symbols else ""
        more = f" and {len(symbols) - MAX_SYMBOLS} more" if len(symbols) > MAX_SYMBOLS else ""
        rows.append(f"- {diff_file.path} ({diff_file.status.value}, +{len(diff_file.added)} -{removed})"
                    f"{named}{more}")
    if len(files) > MAX_FILES:
        rows.append(f"- and {len(files) - MAX_FILES} more file(s)")
    return "\n".join(rows)
