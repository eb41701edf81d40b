"""`_prefilter_table` matches what the check modules register, and `load_for` with the files' texts leaves
unimported exactly the modules none of whose checks could pass a pre-filter on them."""

from __future__ import annotations

import json
import subprocess
import sys

from persona_review.checks._prefilter_index import TABLE, render
from persona_review.checks._prefilter_table import MODULE_WORDS


def test_the_table_is_what_the_modules_register() -> None:
    assert TABLE.read_text(encoding="utf-8") == render(), (
        "run `python -m persona_review.checks._prefilter_index` after changing a check's pre-filter"
    )


def test_no_pre_filter_word_spans_lines() -> None:
    # `load_for` searches the files' texts joined by line breaks: a word holding one could match across two.
    assert not [word for entry in MODULE_WORDS.values() if entry for words in entry for word in words
                if "\n" in word]


def _imported(texts: list[str] | None) -> set[str]:
    """The check modules a fresh interpreter imports for a Python review (of these texts, when given)."""
    code = (
        "import json, sys\n"
        "from persona_review.checks import registry\n"
        "texts = json.loads(sys.argv[1])\n"
        "registry.load_for(['python'], texts)\n"
        "print(json.dumps(sorted(registry._imported)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, json.dumps(texts)], capture_output=True, text=True,
                         check=True)
    return set(json.loads(out.stdout))


def _passes(name: str, texts: list[str]) -> bool:
    entry = MODULE_WORDS[name]
    assert entry is not None
    needs, folded = entry
    return any(word in text for text in texts for word in needs) or any(
        word in text.lower() for text in texts for word in folded)


def test_modules_whose_checks_cannot_pass_are_left_unimported() -> None:
    python = [name for name in MODULE_WORDS if name.startswith("py_")]
    gated = [name for name in python if MODULE_WORDS[name] is not None]
    always = [name for name in python if MODULE_WORDS[name] is None]
    assert gated and always
    plain = ["x = 1\n"]
    imported = _imported(plain)
    assert set(always) <= imported
    assert {name for name in gated if name in imported} == {name for name in gated if _passes(name, plain)}
    with_subprocess = [*plain, "import subprocess\nsubprocess.run(['ls'])\n"]
    assert "py_process_lifetimes" in _imported(with_subprocess)
    assert "py_process_lifetimes" not in imported


def test_without_texts_every_module_of_the_language_is_imported() -> None:
    assert {name for name in MODULE_WORDS if name.startswith("py_")} <= _imported(None)


def _imported_by_language(texts: dict[str, list[str]]) -> set[str]:
    """The check modules a fresh interpreter imports for a review of these texts, given by language."""
    code = (
        "import json, sys\n"
        "from persona_review.checks import registry\n"
        "texts = json.loads(sys.argv[1])\n"
        "registry.load_for(list(texts), texts)\n"
        "print(json.dumps(sorted(registry._imported)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, json.dumps(texts)], capture_output=True, text=True,
                         check=True)
    return set(json.loads(out.stdout))


def test_a_language_module_is_judged_on_its_own_languages_texts() -> None:
    # A Go module's checks never see a Python file: a word of theirs there imports nothing.
    assert MODULE_WORDS["go_defer_loop"] == (("defer ",), ())
    assert "go_defer_loop" not in _imported_by_language({"python": ["defer x\n"], "go": ["package x\n"]})
    assert "go_defer_loop" in _imported_by_language({"python": ["x = 1\n"], "go": ["\tdefer f.Close()\n"]})
    # A module of any language is judged on every text.
    assert "cors" in _imported_by_language({"python": ["ORIGIN = 1\n"], "go": ["package x\n"]})
