"""Checks that read a whole function (resources never closed, request scope, process exits in handlers):
exact on whole files, silent on hunks that cut the function, and as exact as on the whole file when the
hunk holds the complete function."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import DATA, expected, findings_of
from .test_hunk_parity import _diff, _findings, _old_version

FIXTURES = ["request_scope.go", "rows_iteration.go", "OrderRepository.java", "views_exit.py", "background_tasks.py",
            "locks.go", "locks.py", "defer_loop.go", "sync_handlers.js", "LockedCounter.java"]


def _path(name: str) -> Path:
    return DATA / "whole_file_only" / name


@pytest.mark.parametrize("name", FIXTURES)
def test_whole_file_findings_match_markers(name: str) -> None:
    text = _path(name).read_text()
    want = expected(text)
    assert want, "fixture has no expectations"
    assert sorted(findings_of(name, text) - want) == [], "false alarms"
    assert sorted(want - findings_of(name, text)) == [], "missed"


@pytest.mark.parametrize("context", [0, 1, 3])
@pytest.mark.parametrize("every", [3, 5, 11])
@pytest.mark.parametrize("name", FIXTURES)
def test_hunks_that_cut_functions_never_add_findings(name: str, every: int, context: int, tmp_path: Path) -> None:
    path = _path(name)
    new = path.read_text().splitlines()
    diff_text = _diff(name, _old_version(new, every), new, context)
    (tmp_path / name).write_text(path.read_text())
    whole, hunks = _findings(path, diff_text, tmp_path), _findings(path, diff_text, None)
    assert whole
    assert sorted(hunks - whole) == []


def _units(name: str, lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) indexes of each top-level function (Go, Python) or method (Java) of a fixture."""
    if name.endswith(".go"):
        starts = [i for i, line in enumerate(lines) if line.startswith("func ")]
        return [(s, next(i for i in range(s, len(lines)) if lines[i] == "}")) for s in starts]
    if name.endswith(".js"):  # top-level statements and functions, each closed by a line of its own
        starts = [i for i, line in enumerate(lines) if re.match(r"^(?:app|router|mdinst|function)\b", line)]
        return [(s, next(i for i in range(s, len(lines)) if lines[i] in ("}", "});"))) for s in starts]
    if name.endswith(".java"):
        starts = [i for i, line in enumerate(lines) if re.match(r"^    \S.*\{$", line)]
        return [(s, next(i for i in range(s, len(lines)) if lines[i] == "    }")) for s in starts]
    units = []
    for i, line in enumerate(lines):
        if line.startswith(("def ", "async def ")) or (line.startswith("@") and not lines[i - 1].startswith("@")):
            body = i + 1 if line.startswith("@") else i  # past the decorators to the `def`
            body = next(j for j in range(body, len(lines)) if lines[j].startswith(("def ", "async def ")))
            end = next((j for j in range(body + 1, len(lines)) if lines[j] and not lines[j][0].isspace()),
                       len(lines))
            units.append((i, end - 1))
    return units


@pytest.mark.parametrize("name", FIXTURES)
def test_a_function_added_whole_is_reviewed_from_its_hunk(name: str) -> None:
    """Each function added in full to an existing file (the diff's hunk holds it from signature to end)
    gives the same findings from the hunk alone as from the whole file, and together they find every
    marker."""
    path = _path(name)
    new = path.read_text().splitlines()
    want = expected("\n".join(new))
    covered: set[tuple[int, str]] = set()
    for first, last in _units(name, new):
        old = new[:first] + new[last + 1 :]
        got = _findings(path, _diff(name, old, new, 3), None)
        inside = {(line, rule) for line, rule in want if first < line <= last + 1}
        assert got == inside, new[first]
        covered |= got
    assert covered == want
