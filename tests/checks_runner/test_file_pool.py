"""Checking files in forked processes: how files are shared out, when a review forks at all, and that
nothing is lost or reordered when it does (also when a process dies or fails)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence

import pytest
from tests.bench_scripts import load_bench

from persona_review.checks import _file_pool
from persona_review.checks._file_pool import MIN_LINES_PER_WORKER, map_shares, shares, workers_for
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")
BIG = [MIN_LINES_PER_WORKER] * 8


def test_shares_cover_every_index_once_in_order_and_balance_the_weights() -> None:
    weights = [50, 10, 40, 10, 30, 20, 5, 35]
    split = shares(weights, 3)
    assert sorted(i for share in split for i in share) == list(range(len(weights)))
    assert all(share == sorted(share) for share in split)
    loads = [sum(weights[i] for i in share) for share in split]
    assert max(loads) - min(loads) <= max(weights) // 2
    assert loads == [70, 65, 65]  # 50+10+10, 40+20+5, 35+30


def test_the_first_share_is_lighter_by_the_work_it_already_has() -> None:
    split = shares([10] * 10, 2, first_load=40)
    assert [len(share) for share in split] == [3, 7]


def test_a_small_change_is_checked_in_one_process() -> None:
    assert workers_for([100, 200, 300], environ={}, cores=8) == 1
    assert workers_for([MIN_LINES_PER_WORKER - 1], environ={}, cores=8) == 1


@linux_only
def test_a_large_change_uses_the_cores_up_to_the_cap() -> None:
    assert workers_for(BIG, environ={}, cores=2) == 2
    assert workers_for(BIG, environ={}, cores=64) == _file_pool.MAX_WORKERS
    assert workers_for([3 * MIN_LINES_PER_WORKER], environ={}, cores=8) == 1  # one file: nothing to split
    assert workers_for([MIN_LINES_PER_WORKER] * 3, environ={}, cores=8) == 3  # a process per 6,000 lines


@linux_only
def test_the_environment_variable_turns_it_off_or_caps_it() -> None:
    assert workers_for(BIG, environ={"PERSONA_REVIEW_WORKERS": "1"}, cores=8) == 1
    assert workers_for(BIG, environ={"PERSONA_REVIEW_WORKERS": "3"}, cores=8) == 3
    assert workers_for(BIG, environ={"PERSONA_REVIEW_WORKERS": "8"}, cores=8) == 8
    for nonsense in ("0", "-2", "two", ""):
        assert workers_for(BIG, environ={"PERSONA_REVIEW_WORKERS": nonsense}, cores=8) == _file_pool.MAX_WORKERS


@linux_only
def test_a_process_with_another_thread_never_forks() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert workers_for(BIG, environ={}, cores=8) == 1
    finally:
        release.set()
        other.join()


def _pids_and_squares(indices: Sequence[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), index * index) for index in indices]


@linux_only
def test_other_shares_run_in_other_processes_and_come_back_in_index_order() -> None:
    between: list[int] = []
    found = map_shares(_pids_and_squares, [1] * 9, 3, between=lambda: between.append(os.getpid()))
    assert [square for _pid, square in found] == [i * i for i in range(9)]
    pids = {pid for pid, _square in found}
    assert os.getpid() in pids and len(pids) >= 2  # one pooled process may take both of the other shares
    assert between == [os.getpid()]  # the batch work runs once, here


def test_one_worker_runs_everything_here() -> None:
    found = map_shares(_pids_and_squares, [1] * 4, 1)
    assert found == [(os.getpid(), i * i) for i in range(4)]


@linux_only
def test_a_share_whose_process_dies_is_checked_here() -> None:
    parent = os.getpid()

    def dies_away_from_home(indices: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return [index + 100 for index in indices]

    assert map_shares(dies_away_from_home, [1] * 6, 2) == [i + 100 for i in range(6)]


@linux_only
def test_a_share_that_fails_in_its_process_is_checked_here() -> None:
    parent = os.getpid()

    def fails_away_from_home(indices: Sequence[int]) -> list[str]:
        if os.getpid() != parent:
            raise RuntimeError("broken copy")
        return [f"file {index}" for index in indices]

    assert map_shares(fails_away_from_home, [2, 1, 1, 2], 2) == [f"file {i}" for i in range(4)]


@linux_only
def test_the_findings_are_the_same_with_one_process_or_three() -> None:
    text = load_bench("bench_checks").synth(48)
    alone = run_checks([build_context(f) for f in parse_diff(text)], workers=1)
    shared = run_checks([build_context(f) for f in parse_diff(text)], workers=3)
    assert len(alone.findings) > 100
    assert {f.path.rsplit(".", 1)[-1] for f in alone.findings} >= {"py", "js", "go", "java", "sql", "rb"}
    assert shared.findings == alone.findings
    assert shared.notices == alone.notices
