"""Each error-handling problem family in several spellings and libraries, next to its correct look-alikes.

Every file under `tests/data/error_family_variants/` names, in its first lines, either `want: RULE` (the
rule must report something in the file) or `clean: RULE` (the rule must stay quiet there). The files are
written per family (an error only logged and then used; a failure answered or recorded as success; writes
whose errors are dropped; promises nobody awaits; resources left open on an early return; ...) so that a
rule fitted to one spelling shows up as a miss on the others.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from variant_files import read_variant, suffixes_missing_a_kind, variant_files

from .helpers import findings_for_snippet

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "error_family_variants"
_PATHS = {".go": "internal/svc/variant.go", ".java": "src/main/java/com/acme/Variant.java",
          ".rb": "app/services/variant.rb", ".py": "app/services/variant.py", ".ts": "src/services/variant.ts",
          ".js": "src/services/variant.js"}


def _cases() -> list[Path]:
    return variant_files(VARIANTS, _PATHS)


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_family_variant(path: Path) -> None:
    variant = read_variant(path)
    found = findings_for_snippet(_PATHS[path.suffix], variant.text)
    if variant.kind == "want":
        assert variant.rule in found
    else:
        assert variant.rule not in found


def test_both_kinds_are_present_for_every_language() -> None:
    assert _cases(), "no variants found"
    assert suffixes_missing_a_kind(_cases()) == {}
