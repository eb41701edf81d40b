"""Run the migration-safety checks on a snippet, as a new file or as hunks."""

from __future__ import annotations

import textwrap

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding


def review(path: str, text: str) -> list[Finding]:
    ctx = context_for_text(path, textwrap.dedent(text).lstrip("\n"))
    return run_checks([ctx], [Category.MIGRATION_SAFETY]).findings


def rules(path: str, text: str) -> set[tuple[int, str]]:
    """(line, checklist item) of every migration finding."""
    return {(f.line or 0, f.checklist_item) for f in review(path, text)}


def items(path: str, text: str) -> set[str]:
    return {f.checklist_item for f in review(path, text)}


def hunk_context(path: str, text: str, added: range, context: int = 3) -> FileContext:
    """`text` as a diff shows it: the `added` lines plus `context` lines either side, nothing else."""
    whole = context_for_text(path, textwrap.dedent(text).lstrip("\n"))
    shown = range(max(1, added.start - context), added.stop + context)
    lines = {no: whole.lines[no] for no in shown if no in whole.lines}
    return FileContext(
        path=path, language=whole.language, lines=lines, added=frozenset(added), whole_file=False
    )
