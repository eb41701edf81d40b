"""The checks run with fewer garbage collections, and the collector's settings are put back after."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import Registry, load_for
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.gc_pacing import SHORT_RUN_THRESHOLD, YOUNG_THRESHOLD, fewer_collections, pace_short_run


@pytest.fixture()
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_the_block_runs_with_the_raised_threshold_and_the_old_one_comes_back(
    thresholds: tuple[int, int, int],
) -> None:
    gc.set_threshold(700, 11, 12)
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 11, 12)
    assert gc.get_threshold() == (700, 11, 12)


def test_the_old_threshold_comes_back_when_the_block_raises(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_host_s_higher_threshold_or_automatic_collection_off_is_left_alone(
    thresholds: tuple[int, int, int],
) -> None:
    gc.set_threshold(YOUNG_THRESHOLD * 3, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD * 3
    gc.set_threshold(0, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)


def test_run_checks_restores_the_collector_and_still_reports(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    seen: list[tuple[int, int, int]] = []
    diff = parse_diff(
        "diff --git a/app/views.py b/app/views.py\n--- a/app/views.py\n+++ b/app/views.py\n@@ -0,0 +1,3 @@\n"
        "+import requests\n+def handler(request):\n+    requests.post(URL, json=request.json)\n"
    )
    contexts = [build_context(f) for f in diff]

    python = load_for({"python"})

    def spy(ctx: FileContext) -> list[Hit]:
        seen.append(gc.get_threshold())
        return []

    registry = Registry(checks=[(python.checks[0][0], spy), *python.checks])
    outcome = run_checks(contexts, registry=registry)
    assert seen == [(YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
    assert [(f.rule_id, f.line) for f in outcome.findings] == [("PY-HTTP-NO-TIMEOUT", 3)]


def test_a_short_run_raises_the_first_threshold_once_and_keeps_the_others(
    thresholds: tuple[int, int, int],
) -> None:
    gc.set_threshold(700, 11, 12)
    pace_short_run()
    assert gc.get_threshold() == (SHORT_RUN_THRESHOLD, 11, 12)
    with fewer_collections():  # the checks' own pacing leaves the rarer setting alone
        assert gc.get_threshold() == (SHORT_RUN_THRESHOLD, 11, 12)
    gc.set_threshold(0, 10, 10)
    pace_short_run()
    assert gc.get_threshold() == (0, 10, 10)


def test_the_entry_points_pace_the_collector_before_the_command_s_imports() -> None:
    """Each entry point, run as its own process, sees the raised threshold while `cli` (or the Action's
    main) is imported; importing the package as a library does not."""
    probe = (
        "import gc, sys, importlib.abc\n"
        "seen = {}\n"
        "class Watch(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('persona_review.cli', 'persona_review.action.main'):\n"
        "            seen[name] = gc.get_threshold()[0]\n"
        "        return None\n"
        "sys.meta_path.insert(0, Watch())\n"
        "before = gc.get_threshold()\n"
        "import persona_review, persona_review.gc_pacing, persona_review.checks.runner\n"
        "print('library', gc.get_threshold() == before)\n"
        "sys.argv = ['persona-review', '--help']\n"
        "from persona_review.launch import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('cli', seen['persona_review.cli'])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(("library", "cli"))]
    assert lines == ["library True", f"cli {SHORT_RUN_THRESHOLD}"], done.stderr
