"""`primaryLocationLineHash`, computed as GitHub's `upload-sarif` computes it from a checkout.

Code scanning matches an alert across commits by this value. Its algorithm (github/codeql-action,
`src/fingerprints.ts`) is a rolling polynomial hash, base 37 in signed 64-bit arithmetic, over a window of
the next 100 characters that start at the beginning of a line. Spaces and tabs are left out; CR, LF and
CRLF all count as one LF; the characters are UTF-16 code units (what JavaScript's `charCodeAt` gives).
After the last character comes a 0xFFFF end marker, then zeros until every line has had its window. A
line whose hash repeats an earlier one gets the next occurrence number: the value is `<hex>:<n>`.

Emitting the same value ourselves keeps alerts stable even when the upload step has no checkout; when it
has one, `upload-sarif` recomputes the value and warns if ours differs, so the two must agree exactly.
"""

from __future__ import annotations

from collections.abc import Iterator

WINDOW = 100
BASE = 37
END_OF_FILE = 0xFFFF
_MASK = (1 << 64) - 1
_TAB, _SPACE, _LF, _CR = 9, 32, 10, 13
_BASE_POW_WINDOW = pow(BASE, WINDOW, 1 << 64)


def _code_units(text: str) -> Iterator[int]:
    """The text as UTF-16 code units: characters past the BMP become a surrogate pair."""
    for ch in text:
        point = ord(ch)
        if point < 0x10000:
            yield point
        else:
            point -= 0x10000
            yield 0xD800 + (point >> 10)
            yield 0xDC00 + (point & 0x3FF)


def line_hashes(text: str) -> list[str]:
    """The hash of every line of `text`, in line order (line 1 first)."""
    window = [0] * WINDOW
    starts = [0] * WINDOW
    """Line number (1-based) whose first counted character sits at that window slot, or 0."""
    state = 0
    slot = 0
    line = 0
    at_line_start = True
    after_cr = False
    seen: dict[int, int] = {}
    out: list[str] = []

    def emit() -> None:
        seen[state] = seen.get(state, 0) + 1
        out.append(f"{state:x}:{seen[state]}")
        starts[slot] = 0

    def push(unit: int) -> None:
        nonlocal state, slot
        dropped = window[slot]
        window[slot] = unit
        state = (state * BASE + unit - _BASE_POW_WINDOW * dropped) & _MASK
        slot = (slot + 1) % WINDOW

    def feed(unit: int) -> None:
        nonlocal at_line_start, after_cr, line
        if unit in (_SPACE, _TAB) or (after_cr and unit == _LF):
            after_cr = False
            return
        after_cr = unit == _CR
        if after_cr:
            unit = _LF
        if starts[slot]:
            emit()
        if at_line_start:
            at_line_start = False
            line += 1
            starts[slot] = line
        if unit == _LF:
            at_line_start = True
        push(unit)

    for unit in _code_units(text):
        feed(unit)
    feed(END_OF_FILE)
    for _ in range(WINDOW):
        if starts[slot]:
            emit()
        push(0)
    return out


def line_hash(text: str, line: int) -> str | None:
    """The hash of one line (1-based), or None when the text has no such line."""
    hashes = line_hashes(text)
    return hashes[line - 1] if 1 <= line <= len(hashes) else None
