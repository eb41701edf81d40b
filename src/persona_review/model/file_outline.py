"""Whole-file context around a hunk, within a budget: the file's imports and the definitions near the
hunk (functions, classes, route registrations, decorators, auth dependencies).

A hunk alone hides what its neighbours do: a new route without the authorization decorator every other
route in the file carries, a handler missing the `Depends(current_user)` of its siblings. The outline
shows those lines, by number, for files whose whole text is known (the work tree, the Action's
checkout, or contents fetched for the PR head); a new file is all in the diff already.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

RADIUS = 200
"""Definitions at most this many lines from the hunk are shown."""
MAX_DEFINITIONS = 30
MAX_IMPORTS = 15
MAX_LINE_CHARS = 160

_IMPORT = lazy_re(r"^\s*(import\s|from\s+\S+\s+import\s|require[\s(]|use\s|package\s|using\s|#include\s"
                     r"|const\s+\w+\s*=\s*require\()")
_DEFINITION = lazy_re(
    r"^\s*(@[\w.]+|(async\s+)?def\s+\w|class\s+\w|func\s|function\s+\w|export\s+(default\s+)?(async\s+)?"
    r"(function|class|const)\b|(public|private|protected|internal)\s[\w<>\[\], ?]*\(|fn\s+\w|impl\b"
    r"|module\s+\w|interface\s+\w|type\s+\w+\s+(struct|interface)\b"
    r"|(router|app|api|r|e|g|mux|server|routes?)\.(get|post|put|patch|delete|route|use|handle\w*|add\w*)\s*\("
    r"|(get|post|put|patch|delete|resources?|namespace|scope)\s+['\":/]"
    r"|(before|after|around)_action\b|permission_classes\b|authentication_classes\b)"
    r"|\bDepends\(|\blogin_required\b|\b@?(Pre|Post)Authorize\b|\bSecured\b",
    re.IGNORECASE,
)


def outline_lines(context: FileContext | None, first: int, last: int, shown: Collection[int]) -> list[int]:
    """Line numbers of imports and nearby definitions outside `shown`, for a hunk spanning first..last."""
    if context is None or not context.whole_file or context.is_new_file:
        return []
    imports = [no for no in sorted(context.lines) if no not in shown and _IMPORT.match(context.lines[no])]
    near = [
        no for no in sorted(context.lines)
        if no not in shown and first - RADIUS <= no <= last + RADIUS and no not in imports
        and _DEFINITION.search(context.lines[no])
    ]
    # Nearest definitions first when there are too many, then back in file order.
    near = sorted(sorted(near, key=lambda no: min(abs(no - first), abs(no - last)))[:MAX_DEFINITIONS])
    return sorted(imports[:MAX_IMPORTS] + near)


def clip(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[:MAX_LINE_CHARS] + " …"
