"""Idiomatic Go seen in a sweep of mature Go projects (`bench/sweep_go_errors.py`): the error-handling
checks leave each idiom alone and still report the mistake written beside it. The fixture marks every line
that must be reported; every other line must stay quiet."""

from __future__ import annotations

from .helpers import DATA, expected, findings_of

_FIXTURE = DATA / "whole_file_only" / "go_idioms.go"


def _lines() -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    text = _FIXTURE.read_text()
    return findings_of("internal/idioms/idioms.go", text), expected(text)


def test_no_idiom_is_reported() -> None:
    got, want = _lines()
    assert sorted(got - want) == []


def test_every_mistake_beside_the_idioms_is_reported() -> None:
    got, want = _lines()
    assert len(want) >= 14
    assert sorted(want - got) == []
