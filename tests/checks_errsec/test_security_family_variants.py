"""Each security problem family in several frameworks and spellings, next to its correct look-alikes.

Every file under `tests/data/security_family_variants/` names, in its first lines, either `want: RULE` (the
rule must report something in the file) or `clean: RULE` (the rule must stay quiet there), and may name the
repository path it stands for with `path: some/where.ext` (framework conventions often live in the path,
e.g. a Rails controller). Unlike the error-handling variants, these run with the checks a user gets by
default, not the opt-in ones: a family only counts as covered when the default run sees it.

The files are written per family (a record loaded by its id without the caller's scope; a route without
the guard its siblings have; request data reaching a query, a deserializer or an outbound URL; a token
read before it is verified; ...) so that a rule fitted to one framework shows up as a miss on the others.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "security_family_variants"
_PATHS = {".go": "internal/api/variant.go", ".java": "src/main/java/com/acme/api/Variant.java",
          ".rb": "app/controllers/variants_controller.rb", ".py": "app/api/variant.py",
          ".ts": "src/api/variant.ts", ".js": "src/api/variant.js"}
_HEADER = re.compile(r"(want|clean):\s*([A-Z0-9-]+)")
_PATH = re.compile(r"path:\s*(\S+)")


def _cases() -> list[Path]:
    return sorted(p for p in VARIANTS.iterdir() if p.suffix in _PATHS)


def _default_findings(path: str, text: str) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return {f.rule_id or "" for f in outcome.findings}


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_family_variant(path: Path) -> None:
    text = path.read_text()
    head = "\n".join(text.splitlines()[:3])
    header = _HEADER.search(head)
    assert header is not None, "variant without a want:/clean: header"
    kind, rule = header.groups()
    where = _PATH.search(head)
    found = _default_findings(where.group(1) if where else _PATHS[path.suffix], text)
    if kind == "want":
        assert rule in found
    else:
        assert rule not in found


def test_every_language_has_both_kinds() -> None:
    kinds: dict[str, set[str]] = {}
    for path in _cases():
        header = _HEADER.search(path.read_text())
        assert header is not None
        kinds.setdefault(path.suffix, set()).add(header.group(1))
    assert kinds, "no variants found"
    assert all(found == {"want", "clean"} for found in kinds.values())
