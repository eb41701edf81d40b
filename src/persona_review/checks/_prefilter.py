"""Cheap substring tests that let a check skip a regex on lines (or files) that cannot match it.

A regex scanned over every line is most of what a pattern check costs, and most lines hold none of the
words the pattern needs. `in` on a short string is an order of magnitude cheaper than a regex search, so
a check tests for a word every match must contain first and runs the regex only where one occurs. The
words must be implied by the pattern (each alternative contains one of them), or the check loses hits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from itertools import accumulate


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` contains one of `words` (case-sensitive)."""
    for word in words:  # noqa: SIM110 - a plain loop is twice as fast as any() over a generator
        if word in text:
            return True
    return False


def may_have_folded(text: str, words: tuple[str, ...]) -> bool:
    """For a case-insensitive pattern: whether `text` may contain one of `words` (given in lower case) in
    any case. Text beyond ASCII always may: case-insensitive regexes also fold a few non-ASCII letters
    (the Kelvin sign to `k`, the long s to `s`), which `str.lower` does not."""
    if not text.isascii():
        return True
    low = text.lower()
    for word in words:  # noqa: SIM110 - a plain loop is twice as fast as any() over a generator
        if word in low:
            return True
    return False


def lines_containing(view: Mapping[int, str], words: tuple[str, ...], *, folded: bool = False) -> set[int]:
    """The numbers of the lines of `view` (line number -> text) holding one of `words`; with `folded`, in
    any case (`words` in lower case; every line when the text goes beyond ASCII, as `may_have_folded`).

    One search per word over the joined text, in C, instead of a test per line: the cheap way to find
    the few lines a per-line regex needs to run on."""
    numbers = list(view)
    texts = list(view.values())
    text = "\n".join(texts)
    if folded:
        if not text.isascii():
            return set(numbers)
        text = text.lower()
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    found: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.add(numbers[index])
            at = text.find(word, starts[index + 1])  # the rest of this line is known to hold it
    return found
