"""The fast string views of a span (`string_contents`, `_cstyle._backtick_contents`) give what a plain loop over
the characters gives, on text with and without characters beyond Latin-1 (which take the slow path)."""

from __future__ import annotations

import random

from persona_review.checks._cstyle import _backtick_contents
from persona_review.checks._spans import Span, string_contents


def _contents_by_chars(code: str, bare: str) -> str:
    return "".join(c if b == " " else " " for c, b in zip(code, bare, strict=True))


def _backticks_by_chars(code: str, bare: str) -> str:
    out: list[str] = []
    inside = False
    for c, b in zip(code, bare, strict=True):
        if b == "`":
            inside = not inside
        elif inside:
            out.append(c)
    return "".join(out)


def _pairs(alphabet: str, count: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    out = []
    for _ in range(count):
        n = rng.randint(0, 24)
        code = "".join(rng.choice(alphabet) for _ in range(n))
        out.append((code, "".join(rng.choice(alphabet) for _ in range(n))))
    return out


def test_string_contents_keeps_code_under_blanks_only() -> None:
    for alphabet in (" \"'ab\n\t", " \"'aé\xff\x00", " 'aλ😀b"):
        for code, bare in _pairs(alphabet, 2000):
            assert string_contents(Span(1, 1, code, bare)) == _contents_by_chars(code, bare)


def test_string_contents_of_a_real_line() -> None:
    code = 'q := "SELECT" + id'
    bare = 'q := "      " + id'
    assert string_contents(Span(1, 1, code, bare)) == "      SELECT      "


def test_backtick_contents_is_the_text_between_pairs_of_backticks() -> None:
    for code, bare in _pairs("`ab \n", 3000):
        assert _backtick_contents(Span(1, 1, code, bare)) == _backticks_by_chars(code, bare)
    line = "db.query(`SELECT ${id}`)"
    assert _backtick_contents(Span(1, 1, line, line)) == "SELECT ${id}"
