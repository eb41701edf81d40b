"""The checks' cheap pre-filters: a file without the words a check needs is skipped, and skipping never
loses a hit the check would have found."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

import pytest

from persona_review.checks._prefilter import has_any, lines_containing, may_have_folded
from persona_review.checks._spans import Span, string_contents
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import gated, load_all
from persona_review.contexts import context_for_text

DATA = Path(__file__).resolve().parent.parent / "data"


def _counting() -> tuple[list[str], object]:
    seen: list[str] = []

    def check(ctx: FileContext) -> Iterable[Hit]:
        seen.append(ctx.path)
        return [Hit(1)]

    return seen, check


def test_a_gated_check_runs_only_on_files_holding_one_of_its_words() -> None:
    seen, check = _counting()
    wrapped = gated(check, ["subprocess."])  # type: ignore[arg-type]
    assert list(wrapped(context_for_text("a.py", "import os\nos.getcwd()\n"))) == []
    assert list(wrapped(context_for_text("b.py", "import subprocess\nsubprocess.run(cmd)\n"))) == [Hit(1)]
    assert seen == ["b.py"]


def test_folded_words_match_in_any_case_and_text_beyond_ascii_always_runs() -> None:
    seen, check = _counting()
    wrapped = gated(check, [], folded=["retry"])  # type: ignore[arg-type]
    assert list(wrapped(context_for_text("a.py", "x = 1\n"))) == []
    assert list(wrapped(context_for_text("b.py", "MAX_RETRY = 3\n"))) == [Hit(1)]
    # A case-insensitive regex folds the Kelvin sign to "k": such text cannot be ruled out by lower().
    assert list(wrapped(context_for_text("c.py", "name = '\u212a'\n"))) == [Hit(1)]
    assert seen == ["b.py", "c.py"]


def test_the_decorated_function_is_returned_unchanged() -> None:
    registry = load_all()
    gated_checks = [func for _spec, func in registry.checks if hasattr(func, "__wrapped__")]
    assert gated_checks, "some registered checks have a pre-filter"
    for func in gated_checks:
        assert func.__name__ == func.__wrapped__.__name__  # type: ignore[attr-defined]


def _sample_contexts() -> list[FileContext]:
    """Every source file of the test data, whole and as a hunk (its first lines unknown)."""
    out: list[FileContext] = []
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or path.suffix in {".md", ".jsonl", ".json", ".yml", ".yaml", ".txt", ".diff"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        whole = context_for_text(str(path.relative_to(DATA)), text)
        if whole.language == "unknown":
            continue
        out.append(whole)
        tail = {no: line for no, line in whole.lines.items() if no > 4}
        out.append(FileContext(whole.path, whole.language, tail, frozenset(tail), whole_file=False))
    return out


def test_pre_filtered_checks_find_what_the_unfiltered_check_finds_on_the_test_data() -> None:
    contexts = _sample_contexts()
    assert len(contexts) > 30
    compared = 0
    for spec, func in load_all().checks:
        original = getattr(func, "__wrapped__", None)
        if original is None:
            continue
        for ctx in contexts:
            if ctx.language in spec.languages:
                fresh = FileContext(ctx.path, ctx.language, ctx.lines, ctx.added, ctx.whole_file)
                assert list(func(ctx)) == list(original(fresh)), (spec.id, ctx.path)
                compared += 1
    assert compared > 300


@pytest.mark.parametrize("seed", range(5))
def test_lines_containing_matches_a_test_of_every_line(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", "X", " ", "(", "ab", "Ab", "aB", "X("]
    if seed % 2:
        alphabet.append("\u212a")
    view = {no: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for no in range(3, 60, 2)}
    words = ("ab", "X(")
    assert lines_containing(view, words) == {no for no, text in view.items() if has_any(text, words)}
    folded = {no for no, text in view.items() if may_have_folded(text, ("ab", "x("))}
    got = lines_containing(view, ("ab", "x("), folded=True)
    if all(text.isascii() for text in view.values()):
        assert got == folded
    else:
        assert got == set(view)  # beyond ASCII every line stays a candidate


def test_string_contents_keeps_what_the_bare_view_blanks() -> None:
    rng = random.Random(3)
    for _ in range(200):
        code = "".join(rng.choice("ab \"'(),\t") for _ in range(rng.randint(0, 30)))
        bare = "".join(c if rng.random() < 0.5 else " " for c in code)
        expected = "".join(c if b == " " and c != " " else " " for c, b in zip(code, bare, strict=True))
        assert string_contents(Span(1, 1, code, bare)) == expected


def test_facts_cached_on_a_context_are_computed_once() -> None:
    ctx = context_for_text("a.py", "x = 1\n")
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 42

    assert ctx.cached("test.answer", compute) == 42
    assert ctx.cached("test.answer", compute) == 42
    assert calls == [1]

