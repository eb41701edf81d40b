"""Suppressions: `persona-review: ignore[ID]` comments in the code and `ignore` rules in the config.

A suppressed finding is not reported, but it is kept and counted, so nothing disappears unseen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from persona_review.config import IgnoreRule
from persona_review.findings import Category, Finding

_INLINE = re.compile(r"persona-review:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
_NOSEC = re.compile(r"(?:#|//)\s*#?nosec\b", re.IGNORECASE)
"""bandit's `# nosec` and gosec's `// #nosec`: a security finding someone already reviewed and accepted."""


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    ids: frozenset[str]
    spec: GitIgnoreSpec | None


class Suppressor:
    def __init__(self, rules: Sequence[IgnoreRule], lines_by_path: Mapping[str, Mapping[int, str]]) -> None:
        self._rules = [
            _CompiledRule(
                frozenset(i.upper() for i in r.ids), GitIgnoreSpec.from_lines(r.paths) if r.paths else None
            )
            for r in rules
        ]
        self._lines = lines_by_path

    def reason(self, finding: Finding) -> str | None:
        """Why `finding` is suppressed, or None if it is not."""
        ids = {finding.checklist_item.upper(), finding.rule_id.upper()}
        for rule in self._rules:
            if ("*" in rule.ids or ids & rule.ids) and (
                rule.spec is None or rule.spec.match_file(finding.path)
            ):
                return "config ignore rule"
        if finding.line is not None:
            lines = self._lines.get(finding.path, {})
            for no in (finding.line, finding.line - 1):
                if _inline_covers(lines.get(no, ""), ids):
                    return f"inline ignore on line {no}"
            if finding.category is Category.SECURITY and _NOSEC.search(lines.get(finding.line, "")):
                return "nosec comment"
        return None


def _inline_covers(text: str, ids: set[str]) -> bool:
    if "persona-review" not in text.lower():
        return False
    for match in _INLINE.finditer(text):
        listed = match.group(1)
        if listed is None:
            return True
        wanted = {part.strip().upper() for part in listed.split(",") if part.strip()}
        if wanted & ids or "*" in wanted:
            return True
    return False
