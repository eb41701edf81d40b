"""Suppressions: `persona-review: ignore[ID]` comments in the code and `ignore` rules in the config.

A suppressed finding is not reported, but it is kept and counted, so nothing disappears unseen.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from persona_review.config import IgnoreRule
from persona_review.findings import Category, Finding
from persona_review.lazy_re import lazy_re

_INLINE = lazy_re(r"persona-review:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
_NOSEC = lazy_re(r"(?:#|//)\s*#?nosec\b", re.IGNORECASE)
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
        self._given = list(rules)
        self._used_rules: set[int] = set()
        self._used_inline: set[tuple[str, int]] = set()

    def reason(self, finding: Finding) -> str | None:
        """Why `finding` is suppressed, or None if it is not."""
        ids = {finding.checklist_item.upper(), finding.rule_id.upper()}
        for index, rule in enumerate(self._rules):
            if ("*" in rule.ids or ids & rule.ids) and (
                rule.spec is None or rule.spec.match_file(finding.path)
            ):
                self._used_rules.add(index)
                return "config ignore rule"
        if finding.line is not None:
            lines = self._lines.get(finding.path, {})
            for no in (finding.line, finding.line - 1):
                if _inline_covers(lines.get(no, ""), ids):
                    self._used_inline.add((finding.path, no))
                    return f"inline ignore on line {no}"
            if finding.category is Category.SECURITY and _NOSEC.search(lines.get(finding.line, "")):
                return "nosec comment"
        return None


    def unused(self, added: Mapping[str, Collection[int]], source: str) -> list[str]:
        """Suppressions that matched no finding so far: config `ignore` rules (of `source`), and inline
        ignore comments on the lines the change adds (older ones may cover code this change never touched)."""
        out = []
        for index, rule in enumerate(self._given):
            if index not in self._used_rules:
                paths = f" paths {', '.join(rule.paths)}" if rule.paths else ""
                out.append(f"{source}: ignore[{index}] (ids {', '.join(rule.ids)}{paths})")
        for path in sorted(added):
            lines = self._lines.get(path, {})
            for no in sorted(added[path]):
                text = lines.get(no, "")
                if (path, no) in self._used_inline or "persona-review" not in text.lower():
                    continue
                if _INLINE.search(text):
                    out.append(f"{path}:{no}: inline ignore")
        return out


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
