"""Fewer garbage collections: for the whole of a command's short run, and while the checks run.

The checks allocate millions of short-lived objects (tokens, tree records, values of the data flow), and
nearly all of them are freed by reference counting the moment they are dropped. CPython's cyclic
collector still counts every container allocated and, at its default first threshold of 700, runs a
young-generation pass every 700 net allocations; the passes that reach the oldest generation walk every
live object, including the parsed trees and cached views the review keeps. On `bench/bench_checks.py` that
was about a tenth of the checks' CPU time.

`fewer_collections()` raises the first threshold for the duration of a block and puts back whatever was
set before, so a host application's own tuning (or a disabled collector) is left as it was. Cyclic garbage
made inside the block is still collected, only in fewer, larger passes.

`pace_short_run()` is for the process entry points (`persona-review`, `python -m persona_review`, the
Action), called before anything else is imported: a review is one short process, and importing its
modules alone set off about 40 collections, each walking every object made so far. Measured on a real
pull request (`bench/bench_vs_bandit.py`), collections were 10-30% of a whole offline review's CPU time.
It is not called on import, so a program that imports persona-review as a library keeps its own settings.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000
"""Net container allocations between young-generation passes inside the block (CPython's default: 700)."""


SHORT_RUN_THRESHOLD = 100_000
"""The first threshold for a whole review process: cyclic garbage is still collected, every 100,000 net
container allocations (a few megabytes at most), and a typical review runs with no pass at all."""


def pace_short_run() -> None:
    """Raise the collector's first threshold to SHORT_RUN_THRESHOLD for the rest of this process (unless
    automatic collection is off or already rarer)."""
    first, *rest = gc.get_threshold()
    if 0 < first < SHORT_RUN_THRESHOLD:
        gc.set_threshold(SHORT_RUN_THRESHOLD, *rest)


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Run the block with the collector's first threshold at least `young`; restore the thresholds after."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= young:  # 0: automatic collection is off; keep a host's higher value
        yield
        return
    gc.set_threshold(young, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
