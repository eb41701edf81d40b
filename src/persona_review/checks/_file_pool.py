"""Checking the files of a large change in several processes.

The checks of one file never read another file's views, so the files of a change can be split into shares
checked side by side. A share runs in a forked copy of this process: the contexts, the registry and the
imported checks are already there, and only the share's file numbers go out and its findings come back.
The calling process checks the first share itself, so on two cores one extra process halves the wall time
of a large review, at about the same CPU time in all.

Most reviews stay in one process (`workers_for`): a change under `MIN_LINES_PER_WORKER` known lines is
checked faster than a process starts, forking is only safe on Linux while this process has one thread (a
lock another thread holds would stay held in the copy), and `PERSONA_REVIEW_WORKERS=1` turns it off.

Nothing is lost to a failed process: a share whose process cannot start, dies or fails is checked again
in this process, and the results come back in file order whichever process made them, so the findings and
their order are the same as in one process.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Result = TypeVar("Result")

MIN_LINES_PER_WORKER = 6_000
"""Known lines a process must have to check for it to pay for itself (a fork, results sent back)."""
MAX_WORKERS = 4
WORKERS_VARIABLE = "PERSONA_REVIEW_WORKERS"



def _note(message: str, *args: object) -> None:
    """Log a process that could not start or failed (imported here: a review that never forks, or whose
    processes all work, is spared `logging`'s import)."""
    import logging

    logging.getLogger(__name__).info(message, *args)


def workers_for(
    line_counts: Sequence[int], environ: Mapping[str, str] | None = None, cores: int | None = None
) -> int:
    """How many processes should check files with these known line counts (1: only this one), on a
    machine with `cores` usable cores (None: this process's)."""
    env = os.environ if environ is None else environ
    wanted = _wanted(env.get(WORKERS_VARIABLE, ""))
    by_size = min(sum(line_counts) // MIN_LINES_PER_WORKER, len(line_counts))
    if wanted == 1 or by_size < 2 or not _can_fork():  # most reviews stop here, importing nothing more
        return 1
    cores = cores if cores is not None else _cores()
    limit = wanted if wanted is not None else MAX_WORKERS
    return max(1, min(cores, limit, by_size))


def _wanted(text: str) -> int | None:
    """The workers PERSONA_REVIEW_WORKERS asks for: None when unset or not a positive whole number (the
    choice is then made by size)."""
    text = text.strip()
    if not text.isdigit() or int(text) < 1:
        return None
    return int(text)


def _can_fork() -> bool:
    from multiprocessing import get_all_start_methods  # imported only for a review large enough to split

    return (
        sys.platform.startswith("linux")
        and "fork" in get_all_start_methods()
        and threading.active_count() == 1
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def shares(weights: Sequence[int], count: int, first_load: int = 0) -> list[list[int]]:
    """The indices of `weights` split into `count` shares of about equal total weight, each in index
    order (the heaviest item first to the lightest share). `first_load` is work the first share already
    has (the batch checks the calling process runs)."""
    loads = [first_load] + [0] * (count - 1)
    out: list[list[int]] = [[] for _ in range(count)]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        lightest = min(range(count), key=lambda s: (loads[s], s))
        out[lightest].append(index)
        loads[lightest] += weights[index]
    return [sorted(share) for share in out]


_work: Callable[[Sequence[int]], list[Any]] | None = None
"""What a forked process runs: set before the fork, so the process has it without pickling."""


def _run_share(indices: Sequence[int]) -> list[object]:
    assert _work is not None, "a share ran outside a fork of the process that set its work"
    return _work(indices)


def map_shares(
    work: Callable[[Sequence[int]], list[Result]],
    weights: Sequence[int],
    workers: int,
    first_load: int = 0,
    between: Callable[[], None] | None = None,
) -> list[Result]:
    """`work` over every index of `weights`, one result per index, in index order. With more than one
    worker, shares other than the first go to forked processes while this one runs the first share and
    then `between` (work of its own that needs no files of the shares, such as the batch checks)."""
    if workers <= 1 or len(weights) < 2:
        if between is not None:
            between()
        return work(range(len(weights)))
    split = shares(weights, workers, first_load)
    pool, pending = _start(work, split[1:])
    try:
        results: dict[int, Result] = dict(zip(split[0], work(split[0]), strict=True))
        if between is not None:
            between()
        for share, future in zip(split[1:], pending, strict=True):
            results.update(zip(share, _collect(work, share, future), strict=True))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[index] for index in range(len(weights))]


def _start(
    work: Callable[[Sequence[int]], list[Result]], split: Sequence[Sequence[int]]
) -> tuple[ProcessPoolExecutor | None, list[Future[list[object]] | None]]:
    """A pool of forked processes with each share submitted; None for what could not be started."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    global _work  # noqa: PLW0603 - the one way to hand a forked process its work without pickling it
    _work = work
    # Objects made before the fork are left out of the copies' collections: a collection in a copy
    # would touch every one of them and copy the memory they sit on.
    gc.freeze()
    try:
        # With "fork", the pool starts all its processes at the first submit, before its own thread.
        pool = ProcessPoolExecutor(max_workers=len(split), mp_context=get_context("fork"))
        try:
            return pool, [pool.submit(_run_share, list(share)) for share in split]
        except (OSError, RuntimeError, ValueError) as exc:
            pool.shutdown(wait=False, cancel_futures=True)
            _note("checking files in one process: could not start another (%s)", exc)
            return None, [None] * len(split)
    finally:
        gc.unfreeze()
        _work = None


def _collect(
    work: Callable[[Sequence[int]], list[Result]],
    share: Sequence[int],
    future: Future[list[object]] | None,
) -> list[Result]:
    if future is not None:
        try:
            found = future.result()
            if len(found) == len(share):
                return found  # type: ignore[return-value]
        except Exception as exc:  # noqa: BLE001 - a lost process must not lose its files' findings
            _note("a checking process failed (%s: %s); its files are checked here", type(exc).__name__, exc)
    return work(share)
