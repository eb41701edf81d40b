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

from pathlib import Path

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from variant_files import read_variant, suffixes_missing_a_kind, variant_files

from .helpers import CATEGORIES

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "security_family_variants"
_PATHS = {".go": "internal/api/variant.go", ".java": "src/main/java/com/acme/api/Variant.java",
          ".rb": "app/controllers/variants_controller.rb", ".py": "app/api/variant.py",
          ".ts": "src/api/variant.ts", ".js": "src/api/variant.js"}


def _cases() -> list[Path]:
    return variant_files(VARIANTS, _PATHS)


def _default_findings(path: str, text: str) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return {f.rule_id or "" for f in outcome.findings}


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_family_variant(path: Path) -> None:
    variant = read_variant(path)
    found = _default_findings(variant.path or _PATHS[path.suffix], variant.text)
    if variant.kind == "want":
        assert variant.rule in found
    else:
        assert variant.rule not in found


def test_every_language_has_both_kinds() -> None:
    assert _cases(), "no variants found"
    assert suffixes_missing_a_kind(_cases()) == {}
