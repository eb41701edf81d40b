"""The same findings on a hunk-only view as on the whole file, for every flagged statement of the own
corpus: each flagged statement is "added", shown with 3 lines of context and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.evaluation import statement_window
from persona_review.findings import Category

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
LABELS = [
    json.loads(line)
    for line in (CORPUS / "labels.jsonl").read_text().splitlines()
    if '"migration-safety"' in line and '"flag"' in line and '"line": null' not in line
]


@pytest.mark.parametrize("label", LABELS, ids=lambda label: f"{label['file']}:{label['line']}")
def test_hunk_and_whole_file_agree(label: dict[str, object]) -> None:
    path = str(label["file"])
    full = context_for_text(path, (CORPUS / path).read_text())
    window = statement_window(full, int(str(label["line"])))
    shown = range(min(window) - 3, max(window) + 4)
    whole = FileContext(path, full.language, full.lines, frozenset(window), whole_file=True)
    hunk = FileContext(
        path, full.language, {n: full.lines[n] for n in shown if n in full.lines}, frozenset(window), False
    )
    on_whole = [(f.line, f.rule_id) for f in run_checks([whole], [Category.MIGRATION_SAFETY]).findings]
    on_hunk = [(f.line, f.rule_id) for f in run_checks([hunk], [Category.MIGRATION_SAFETY]).findings]
    assert on_whole
    assert on_hunk == on_whole
