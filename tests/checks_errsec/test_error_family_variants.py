"""Each error-handling problem family in several spellings and libraries, next to its correct look-alikes.

Every file under `tests/data/error_family_variants/` names, in its first lines, either `want: RULE` (the
rule must report something in the file) or `clean: RULE` (the rule must stay quiet there). The files are
written per family (an error only logged and then used; a failure answered or recorded as success; writes
whose errors are dropped; promises nobody awaits; resources left open on an early return; ...) so that a
rule fitted to one spelling shows up as a miss on the others.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import findings_for_snippet

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "error_family_variants"
_PATHS = {".go": "internal/svc/variant.go", ".java": "src/main/java/com/acme/Variant.java",
          ".rb": "app/services/variant.rb", ".py": "app/services/variant.py", ".ts": "src/services/variant.ts",
          ".js": "src/services/variant.js"}
_HEADER = re.compile(r"(want|clean):\s*([A-Z0-9-]+)")


def _cases() -> list[Path]:
    return sorted(p for p in VARIANTS.iterdir() if p.suffix in _PATHS)


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_family_variant(path: Path) -> None:
    text = path.read_text()
    header = _HEADER.search(text)
    assert header is not None, "variant without a want:/clean: header"
    kind, rule = header.groups()
    found = findings_for_snippet(_PATHS[path.suffix], text)
    if kind == "want":
        assert rule in found
    else:
        assert rule not in found


def test_both_kinds_are_present_for_every_language() -> None:
    kinds: dict[str, set[str]] = {}
    for path in _cases():
        header = _HEADER.search(path.read_text())
        assert header is not None
        kinds.setdefault(path.suffix, set()).add(header.group(1))
    assert all(found == {"want", "clean"} for found in kinds.values())
