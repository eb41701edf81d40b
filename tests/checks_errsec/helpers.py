"""Shared helpers for the error-handling/security check tests: fixtures with `expect:` markers."""

from __future__ import annotations

import re
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text
from persona_review.findings import Category

DATA = Path(__file__).resolve().parent.parent / "data" / "checks_errsec"
CATEGORIES = (Category.ERROR_HANDLING, Category.SECURITY)
MARK = re.compile(r"(?:#|//)\s*expect:\s*([A-Z0-9, -]+?)\s*$")


def fixture_paths() -> list[Path]:
    return sorted(p for p in DATA.iterdir() if p.suffix in {".py", ".go", ".java", ".js", ".ts", ".rb"})


def expected(text: str) -> set[tuple[int, str]]:
    """(line, check id) pairs declared by `expect:` comments."""
    out: set[tuple[int, str]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = MARK.search(line)
        if match:
            out.update((number, rule.strip()) for rule in match.group(1).split(",") if rule.strip())
    return out


def findings_of(path: str, text: str) -> set[tuple[int, str]]:
    """Every check's findings, the opt-in ones included (their fixtures are tested like the others)."""
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES, enabled=opt_in_ids())
    return {(f.line, f.rule_id or "") for f in outcome.findings}


def findings_for_snippet(path: str, text: str) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES, enabled=opt_in_ids())
    return {f.rule_id or "" for f in outcome.findings}
