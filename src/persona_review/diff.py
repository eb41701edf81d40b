"""A typed model of a unified diff, built on unidiff.

Every stage after this one speaks of new-file line numbers. `DiffFile.commentable` is the set of lines
GitHub accepts a review comment on (RIGHT side, inside a hunk: added and context lines), so reporters
know before posting where a comment may go.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchedFile, PatchSet

from persona_review.diff_text import decode_diff, unreadable_reason
from persona_review.errors import DiffError
from persona_review.lazy_re import lazy_re


class FileStatus(StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    RENAMED = "renamed"
    DELETED = "deleted"
    BINARY = "binary"


class DiffLine(NamedTuple):
    """One line of a hunk. `kind` is '+', '-' or ' '; numbers are None on the side a line is not on."""

    kind: str
    old_no: int | None
    new_no: int | None
    text: str


class Hunk(NamedTuple):
    old_start: int
    old_length: int
    new_start: int
    new_length: int
    section: str
    lines: tuple[DiffLine, ...]

    def new_side(self) -> Iterator[tuple[int, str]]:
        """(new line number, text) for the hunk's context and added lines, in order."""
        for line in self.lines:
            if line.new_no is not None:
                yield line.new_no, line.text


@dataclass(slots=True)
class DiffFile:
    path: str
    old_path: str | None
    status: FileStatus
    hunks: list[Hunk] = field(default_factory=list)
    is_binary: bool = False
    added: dict[int, str] = field(default_factory=dict)
    """New-file line number -> text of every added line."""
    commentable: frozenset[int] = frozenset()
    """New-file lines a review comment may be placed on (added or context, inside a hunk)."""
    deleted_count: int = 0

    @property
    def added_count(self) -> int:
        return len(self.added)

    def new_side_lines(self) -> dict[int, str]:
        """Every new-side line the diff shows (context and added), by new line number."""
        return {no: text for hunk in self.hunks for no, text in hunk.new_side()}

    def hunk_for(self, line: int) -> Hunk | None:
        for hunk in self.hunks:
            if hunk.new_start <= line < hunk.new_start + max(hunk.new_length, 1):
                return hunk
        return None


@dataclass(slots=True)
class Diff:
    files: list[DiffFile]

    def __iter__(self) -> Iterator[DiffFile]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def by_path(self) -> dict[str, DiffFile]:
        return {f.path: f for f in self.files}


def decode(data: bytes | str) -> str:
    """Text of a diff with LF separators, from any encoding `diff_text` reads. Bad bytes are replaced."""
    return decode_diff(data)


def parse_diff(data: bytes | str) -> Diff:
    """Parse a unified diff. Empty input is an empty diff; garbage or a truncated diff is a DiffError.

    CRLF, CR, a byte-order mark and UTF-16/32 read exactly as an LF UTF-8 diff does (see `diff_text`).
    """
    text = decode(data)
    if not text.strip():
        return Diff([])
    try:
        patch = PatchSet(text)
    except UnidiffParseError as exc:
        raise DiffError(unreadable_reason(data) or f"the diff is malformed or cut short: {exc}") from None
    if len(patch) == 0:
        raise DiffError(
            unreadable_reason(data)
            or "the input is not a unified diff (no 'diff --git' or '---/+++' file headers found); "
            "produce one with `git diff BASE...HEAD`"
        )
    return Diff([_convert(pf) for pf in patch])


def _clean_path(path: str | None) -> str | None:
    if path is None or path == "/dev/null":
        return None
    if len(path) >= 2 and path[0] == path[-1] == '"':
        path = _unquote(path[1:-1])
    if path.startswith(("a/", "b/")):
        return path[2:]
    return path


_C_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
_QUOTED_ESCAPE = lazy_re(r'\\([0-3][0-7]{2}|[abtnvfr"\\])')
"""What git writes for a byte inside a quoted path: three octal digits, or a C escape."""


def _unquote(quoted: str) -> str:
    """A path git wrote C-style quoted (a name with a control character, a quote, a backslash or, by
    default, any non-ASCII byte): its escapes and octal bytes turned back into the UTF-8 name."""
    out = bytearray()
    at = 0
    for escape in _QUOTED_ESCAPE.finditer(quoted):
        out += quoted[at : escape.start()].encode()
        code = escape.group(1)
        out.append(int(code, 8) if len(code) == 3 else _C_ESCAPES[code])
        at = escape.end()
    out += quoted[at:].encode()
    return out.decode("utf-8", "replace")


def _status(pf: PatchedFile) -> FileStatus:
    if pf.is_binary_file:
        return FileStatus.BINARY
    if pf.is_added_file:
        return FileStatus.ADDED
    if pf.is_removed_file:
        return FileStatus.DELETED
    if pf.is_rename:
        return FileStatus.RENAMED
    return FileStatus.MODIFIED


def _convert(pf: PatchedFile) -> DiffFile:
    source = _clean_path(pf.source_file)
    target = _clean_path(pf.target_file)
    path = target or source or pf.path
    status = _status(pf)
    old_path = source if source != path else None
    added: dict[int, str] = {}
    commentable: set[int] = set()
    hunks: list[Hunk] = []
    deleted = 0
    for h in pf:
        lines: list[DiffLine] = []
        append = lines.append
        for line in h:
            kind = line.line_type
            if kind == "+":
                text = line.value.rstrip("\r\n")
                no = line.target_line_no
                if no is None:  # never for an added line; keeps the type exact
                    continue
                added[no] = text
                append(DiffLine("+", None, no, text))
            elif kind == " ":
                append(DiffLine(" ", line.source_line_no, line.target_line_no, line.value.rstrip("\r\n")))
            elif kind == "-":
                deleted += 1
                append(DiffLine("-", line.source_line_no, None, line.value.rstrip("\r\n")))
            # "\ No newline at end of file" markers carry no code and are left out.
        commentable.update(ln.new_no for ln in lines if ln.new_no is not None)
        hunks.append(
            Hunk(
                h.source_start,
                h.source_length,
                h.target_start,
                h.target_length,
                h.section_header,
                tuple(lines),
            )
        )
    return DiffFile(
        path=path,
        old_path=old_path,
        status=status,
        hunks=hunks,
        is_binary=bool(pf.is_binary_file),
        added=added,
        commentable=frozenset(commentable),
        deleted_count=deleted,
    )
