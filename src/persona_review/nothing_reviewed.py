"""Why a run reviewed no file, in one sentence: an empty diff, only binary files, only files over the
`max-file-lines` limit, only files the persona does not cover, or a mix, counted by reason.

Also the reason text of a file skipped as too large, which names its size, the limit and the option.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from persona_review.result import FileDecision, SkipReason

EMPTY_DIFF = "The diff is empty: no file changed, nothing to review."
ONLY_BINARY = "The diff changes only binary files: nothing to review."
ONLY_DELETED = "The diff only deletes files: nothing to review."
NO_TRIGGER = "No file matched the persona's triggers: nothing to review."


def too_large_reason(changed_lines: int, limit: int) -> str:
    return f"{SkipReason.TOO_LARGE.value}: {changed_lines} changed lines, over max-file-lines ({limit})"


def nothing_reviewed(files: Sequence[FileDecision], max_file_lines: int) -> str | None:
    """The sentence for a run that reviewed nothing, or None when some file was reviewed."""
    if any(d.reviewed for d in files):
        return None
    if not files:
        return EMPTY_DIFF
    kinds = Counter(_kind(d.reason) for d in files)
    if len(kinds) == 1:
        (kind,) = kinds
        if kind == SkipReason.BINARY.value:
            return ONLY_BINARY
        if kind == SkipReason.DELETED.value:
            return ONLY_DELETED
        if kind == SkipReason.TOO_LARGE.value:
            return (
                f"Nothing to review: every changed file has more than {max_file_lines} changed lines "
                "(max-file-lines); raise max-file-lines in the config to review them."
            )
        if kind == SkipReason.NO_TRIGGER.value:
            return NO_TRIGGER
    counted = ", ".join(
        f"{n} {kind} (over max-file-lines, {max_file_lines} changed lines)"
        if kind == SkipReason.TOO_LARGE.value
        else f"{n} {kind}"
        for kind, n in kinds.most_common()
    )
    return f"No file was reviewed: {counted}."


def _kind(reason: str) -> str:
    """The kind of a skip reason: its SkipReason value when it starts with one (detail may follow after a
    colon, a space or a parenthesis), else its first words before any detail (`docs`, `frontend`)."""
    for known in SkipReason:
        if reason == known.value or reason.startswith((f"{known.value}:", f"{known.value} ")):
            return known.value
    return reason.split(" (", 1)[0].split(":", 1)[0]
