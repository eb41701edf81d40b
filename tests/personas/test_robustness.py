"""Mangled persona files either load or fail with a one-line PersonaError; huge ones still parse."""

from __future__ import annotations

import random

import pytest

from persona_review.errors import PersonaError
from persona_review.persona import parse_persona

from .conftest import DATA

_PIECES = [*"-*#>:`\"'()[]{},.\n \t→|_", "Keywords:", "Triggers:", "Do NOT use for:", "---\n",
           "**Priority Hierarchy**:", "# --x\n", "## Activation Triggers\n", "\x00", "\ufffd", "データ"]


def _mangle(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(text))
        roll = rng.random()
        if roll < 0.4:
            text = text[:pos] + rng.choice(_PIECES) + text[pos:]
        elif roll < 0.7:
            text = text[:pos] + text[pos + rng.randint(1, 200) :]
        else:
            start = rng.randint(0, len(text))
            text = text[:pos] + text[start : start + rng.randint(1, 300)] + text[pos:]
    return text


def test_mangled_fixtures_never_raise_anything_but_persona_error() -> None:
    originals = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.md")) if p.name != "README.md"]
    rng = random.Random(2024)
    loaded = failed = 0
    for _ in range(400):
        try:
            parse_persona(_mangle(rng.choice(originals), rng), "mangled.md")
            loaded += 1
        except PersonaError as exc:
            assert "\n" not in str(exc)
            failed += 1
    assert loaded and failed  # the mutations exercise both outcomes


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("# --x\n## Activation Triggers\n- Keywords: " + " " * 400_000 + "x\n", ("x",)),
        ("# a\n" * 100_000, "persona format not recognised"),
        ("---\nname: x\ndescription: |\n  Triggers: " + "(" * 150_000 + ")" * 150_000 + "\n---\n",
         ("(" * 150_000 + ")" * 150_000,)),
        ("# --x\n## Activation Triggers\n- Keywords:\n" + "  - a\n" * 80_000, ("a",)),
    ],
    ids=["long-line", "many-headings", "deep-brackets", "long-list"],
)
def test_large_pathological_inputs(text: str, outcome: tuple[str, ...] | str) -> None:
    # Guards against super-linear scanning: the first bracket scanner took over a minute on "deep-brackets".
    if isinstance(outcome, str):
        with pytest.raises(PersonaError, match=outcome):
            parse_persona(text, "big.md")
    else:
        assert parse_persona(text, "big.md").trigger_keywords == outcome
