"""Patterns compiled on first use: every one in the package compiles, each behaves as `re.compile`'s, and
no module compiles a pattern at import any more."""

from __future__ import annotations

import ast
import copy
import importlib
import pickle
import pkgutil
import re
from pathlib import Path

import persona_review
from persona_review import lazy_re as lazy_module
from persona_review.checks.registry import load_all
from persona_review.lazy_re import lazy_re

_SRC = Path(persona_review.__file__).resolve().parent


def test_every_pattern_in_the_package_compiles() -> None:
    load_all()  # the check modules through the registry, which records where each check comes from
    for info in pkgutil.walk_packages(persona_review.__path__, "persona_review."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    # Every module imported, every module-level pattern made: all of them must be valid regexes.
    assert lazy_module.compile_all() > 500


def test_a_lazy_pattern_finds_what_the_compiled_one_finds() -> None:
    source, flags = r"(?P<word>\b[a-z]+)(\d*)", re.IGNORECASE
    lazy, plain = lazy_re(source, flags), re.compile(source, flags)
    text = "Alpha1 beta22 GAMMA"
    found = lazy.search(text)
    assert found is not None and found.group("word") == "Alpha"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.findall(text) == plain.findall(text)
    assert lazy.sub("<\\g<word>>", text) == plain.sub("<\\g<word>>", text)
    assert lazy.subn("x", text) == plain.subn("x", text)
    assert lazy.split(text) == plain.split(text)
    assert (lazy.match("9a"), lazy.fullmatch("abc1") is not None) == (None, True)
    assert (lazy.pattern, lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        plain.pattern, plain.flags, plain.groups, dict(plain.groupindex))


def test_nothing_is_compiled_until_the_pattern_is_used() -> None:
    bad = lazy_re(r"(unclosed")  # made without error: only its first use compiles it
    try:
        bad.search("x")
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("a bad pattern compiled")


def test_copies_and_pickles_stand_for_the_same_pattern() -> None:
    lazy = lazy_re(r"ab+c")
    assert copy.copy(lazy) is lazy
    assert copy.deepcopy({"p": lazy})["p"] is lazy
    restored = pickle.loads(pickle.dumps(lazy))
    assert restored.search("xabbbc") is not None
    assert restored.pattern == "ab+c"


def _module_level_compiles(tree: ast.AST) -> list[int]:
    found: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            call = child.func if isinstance(child, ast.Call) else None
            if (not inside and isinstance(call, ast.Attribute) and call.attr == "compile"
                    and isinstance(call.value, ast.Name) and call.value.id == "re"):
                found.append(child.lineno)  # type: ignore[attr-defined]
            visit(child, inside)

    visit(tree, False)
    return found


def test_no_module_compiles_a_pattern_at_import() -> None:
    # A module-level `re.compile` is paid for by every review that imports the module, used or not.
    offenders = {
        str(path.relative_to(_SRC)): lines
        for path in sorted(_SRC.rglob("*.py"))
        if path.name != "lazy_re.py" and (lines := _module_level_compiles(ast.parse(path.read_bytes())))
    }
    assert offenders == {}


def test_a_pattern_that_needs_a_fixed_text_answers_as_compiled() -> None:
    # `\bfmt\.Sprint...` cannot start with a fixed text, but every match holds `fmt.Sprint`: a text
    # without it is answered "no match" before the regex engine runs, with the same answers as ever.
    source = r"\bfmt\.Sprint[fl]?\s*\((?:[^()]|\([^()]*\))*?,?\s*\b(?:e|\w*[eE]rr\w*)\s*[,)]"
    assert lazy_module._required(source, 0) == (("fmt.Sprint",), False)
    assert lazy_module._required(r"(?i)create|new\s+table", 0) == (("create", "table"), True)
    assert lazy_module._required(r"^\s*(\w+)=", 0) == ((), False)  # tried at the start alone
    assert lazy_module._required(r"abc\d", 0) == ((), False)  # the engine's own fixed start
    assert lazy_module._required(r"a|b|c", 0) == ((), False)  # too many to search for
    pattern, plain = lazy_module.lazy_re(source), re.compile(source)
    folded, plain_folded = lazy_module.lazy_re(r"(?i)create|new\s+table"), re.compile(r"(?i)create|new\s+table")
    texts = ["x := 1", 'msg := fmt.Sprintf("%v", err)', "fmt.Sprint(e)", "", "CREATE TABLE t", "New  Table",
             "\u212a", "crEate", "ſ"]
    for text in texts:
        for lazy, compiled in ((pattern, plain), (folded, plain_folded)):
            found, expected = lazy.search(text), compiled.search(text)
            assert (found and found.span()) == (expected and expected.span())
            assert lazy.findall(text) == compiled.findall(text)
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
            assert (lazy.search(text, 1) and lazy.search(text, 1).span()) == (  # type: ignore[union-attr]
                compiled.search(text, 1) and compiled.search(text, 1).span())  # type: ignore[union-attr]


def test_the_table_of_fixed_texts_is_what_the_patterns_need() -> None:
    from persona_review._lazy_re_index import TABLE, render

    assert TABLE.read_text(encoding="utf-8") == render(), (
        "run `python -m persona_review.checks._prefilter_index` after changing a pattern"
    )


def test_a_pattern_the_table_lacks_is_worked_out_when_compiled() -> None:
    from persona_review._lazy_re_table import REQUIRED

    source = r"\bnot_in_any_module_\w+\.Sprint\("
    assert lazy_module.table_key(source, 0) not in REQUIRED
    assert lazy_module._known_required(source, 0) == (("not_in_any_module_",), False)
    pattern = lazy_re(source)
    assert pattern.search("x = not_in_any_module_a.Sprint(") is not None
    assert pattern.search("x = fmt.Sprint(") is None
