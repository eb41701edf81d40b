"""The checks run with fewer garbage collections, and the collector's settings are put back after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from persona_review.checks._gc_pacing import YOUNG_THRESHOLD, fewer_collections
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import Registry, load_for
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff


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
