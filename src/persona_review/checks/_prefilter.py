"""Cheap substring tests that let a check skip a regex on lines (or files) that cannot match it.

A regex scanned over every line is most of what a pattern check costs, and most lines hold none of the
words the pattern needs. `in` on a short string is an order of magnitude cheaper than a regex search, so
a check tests for a word every match must contain first and runs the regex only where one occurs. The
words must be implied by the pattern (each alternative contains one of them), or the check loses hits.
"""

from __future__ import annotations


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
