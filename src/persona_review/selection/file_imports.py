"""JavaScript/TypeScript modules whose whole text imports a server module, though the change does not show it.

A pull request that edits a method body of `integrations/gmb.provider.ts` shows none of the file's imports
(`node:process`, an SDK, the ORM), and its path may name no server directory: selection, which reads the
diff, finds nothing to place it by. The head's whole file does. It is read through the same source as the
whole files the checks see, and used only where every line the change adds is in it as the diff says (a copy
at another commit decides nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from persona_review.contexts import matching_lines
from persona_review.diff import DiffFile
from persona_review.selection.backend import server_import
from persona_review.selection.packages import Reader

_IMPORT_LINES = 120
"""How far down a file its imports are looked for (a licence header may come first)."""


def server_imports(read: Reader, files: Sequence[DiffFile]) -> dict[str, str]:
    """For each of `files` whose whole head text imports a server framework, ORM, driver or Node built-in
    in its first lines: that module."""
    if not files:
        return {}
    texts = read([f.path for f in files])
    found: dict[str, str] = {}
    for f in files:
        text = texts.get(f.path)
        if text is None:
            continue
        lines = matching_lines(f, text)
        if lines is None:
            continue
        module = server_import("\n".join(lines[no] for no in range(1, min(len(lines), _IMPORT_LINES) + 1)))
        if module is not None:
            found[f.path] = module
    return found
