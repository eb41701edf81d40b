"""Diff bytes to diff text, whatever the encoding and line endings, and a name for input that is no diff.

- Encoding: UTF-8 by default; UTF-8, UTF-16 and UTF-32 with a byte-order mark (what Windows PowerShell's
  `>` writes); UTF-16 without one when the text starts as ASCII in two-byte units. Bytes that are not
  valid in the encoding become U+FFFD, never an error: a Latin-1 source file inside a diff is still read.
  A UTF-8 mark at the start of a line (diffs saved one by one, then concatenated) is dropped too.
- Line endings: the diff's own convention (LF, CRLF or CR) is read from its first header line and turned
  into LF. Only the diff's separators change: an LF diff of a CRLF source file keeps the `\\r` at the end
  of each content line, as `git diff` gave it.
- `unreadable_reason` names input that is not text at all (compressed, binary, an unknown encoding), for
  the error message when no diff could be read from it.
"""

from __future__ import annotations

import codecs

from persona_review.lazy_re import lazy_re

_BOMS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_COMPRESSED = (
    (b"\x1f\x8b", "gzip-compressed", "gunzip"),
    (b"\xfd7zXZ\x00", "xz-compressed", "unxz"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "unzstd"),
    (b"BZh", "bzip2-compressed", "bunzip2"),
    (b"PK\x03\x04", "a zip archive", "unzip"),
)

_SNIFF_BYTES = 64
"""Bytes looked at to recognise UTF-16 without a byte-order mark."""

_FIRST_HEADER = lazy_re(r"(?:\A|(?<=[\r\n]))(?:diff |--- |\+\+\+ |@@ -|Index: )[^\r\n]*(\r\n|\r|\n)")
_HUNK_HEADER = lazy_re(r"@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")
_AFTER_HUNK = ("@@ ", "diff ", "--- ", "\\", "Binary files", "index ", "Index: ", "From ", "-- ")
"""How a line that follows a complete hunk may start (with an empty line, or the end of the text)."""


def decode_diff(data: bytes | str) -> str:
    """The text of a diff with LF line separators and no byte-order mark."""
    text = data if isinstance(data, str) else _decode_bytes(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = normalize_newlines(text)
    if "\n\ufeff" in text:
        # Diffs saved with a mark each and then concatenated: a mark can only open a header line there
        # (a content line starts with its +, - or space), so it goes.
        text = text.replace("\n\ufeff", "\n")
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    bomless = _bomless_utf16(data)
    if bomless is not None:
        return data.decode(bomless, errors="replace")
    return data.decode("utf-8", errors="replace")


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when the first bytes are ASCII text in two-byte units, else None."""
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) == len(odd) and even.count(0) == 0 and even.isascii():
        return "utf-16-le"
    if even.count(0) == len(even) and odd.count(0) == 0 and odd.isascii():
        return "utf-16-be"
    return None


def normalize_newlines(text: str) -> str:
    """LF separators for a diff written with CRLF or CR ones; an LF diff is returned as it is."""
    header = _FIRST_HEADER.search(text)
    if header is None:
        return text
    ending = header.group(1)
    if ending == "\r\n":
        # A CRLF file inside a CRLF diff reads "x\r\r\n": its content CR is kept, as in the LF diff.
        return text.replace("\r\n", "\n")
    if ending == "\r":
        return _from_cr(text)
    return text


def _from_cr(text: str) -> str:
    """Split a CR-separated diff into LF lines, reading each hunk by its line counts.

    A CRLF source file in a CR diff turns every content line into "x\\r\\r", which split at CR looks
    like "x" plus an empty context line. Each hunk is read both ways (empty pieces as empty context
    lines, or as the content line's own CR) and the reading whose counts end the hunk cleanly is kept.
    """
    pieces = text.split("\r")
    out: list[str] = []
    i, n = 0, len(pieces)
    while i < n:
        piece = pieces[i]
        out.append(piece)
        i += 1
        header = _HUNK_HEADER.match(piece)
        if header is None:
            continue
        old = 1 if header.group(1) is None else int(header.group(1))
        new = 1 if header.group(2) is None else int(header.group(2))
        for own_cr in (False, True):
            end = _hunk_end(pieces, i, old, new, own_cr=own_cr)
            if end is not None:
                out.extend(_hunk_lines(pieces, i, end, own_cr=own_cr))
                i = end
                break
        # Neither reading fits: the pieces go through as lines, and the parser names the fault.
    return "\n".join(out)


def _hunk_end(pieces: list[str], start: int, old: int, new: int, *, own_cr: bool) -> int | None:
    """Index after the hunk's last piece when read this way, or None when the counts do not fit."""
    j, n = start, len(pieces)
    while old > 0 or new > 0:
        if j >= n:
            return None
        piece = pieces[j]
        j += 1
        kind = piece[:1]
        if kind in ("", " "):
            old -= 1
            new -= 1
        elif kind == "-":
            old -= 1
        elif kind == "+":
            new -= 1
        elif kind != "\\":
            return None
        if old < 0 or new < 0:
            return None
        if own_cr and kind and j < n and pieces[j] == "":
            j += 1
    if j < n and pieces[j] and not pieces[j].startswith(_AFTER_HUNK):
        return None
    return j


def _hunk_lines(pieces: list[str], start: int, end: int, *, own_cr: bool) -> list[str]:
    if not own_cr:
        return pieces[start:end]
    lines: list[str] = []
    j = start
    while j < end:
        piece = pieces[j]
        j += 1
        if piece and j < end and pieces[j] == "":
            piece += "\r"
            j += 1
        lines.append(piece)
    return lines


def unreadable_reason(data: bytes | str) -> str | None:
    """What the input is when it is not diff text (compressed, binary, an unknown encoding), else None."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    for magic, what, tool in _COMPRESSED:
        if raw.startswith(magic):
            return f"the input is {what} data, not a diff: unpack it first (e.g. with {tool})"
    text = decode_diff(data)
    sample = text[:8192]
    if "\x00" in sample:
        return (
            "the input is binary data (it contains NUL bytes), not a text diff; "
            "a UTF-16 or UTF-32 diff needs its byte-order mark"
        )
    bad = sample.count("\ufffd")
    if isinstance(data, bytes) and sample and bad * 20 > len(sample):
        return (
            f"the input is not text in an encoding persona-review reads ({bad} of the first "
            f"{len(sample)} characters are not valid UTF-8); give the diff as UTF-8, "
            "or as UTF-16/UTF-32 with a byte-order mark"
        )
    return None
