"""Finding the extent of a call or an indented block in lexed lines, tolerant of fragments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from persona_review.checks._lexing import Lexed
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

MAX_SPAN_LINES = 25
_OPEN = "([{"
_CLOSE = ")]}"
_BRACKET = lazy_re(r"[()\[\]{}]")
_BLANKS = lazy_re(r" +")
_CONTINUATION = ("+ ", '+"', "+'", "+(", ". ", ".format(", "% ", "%(", "||", "&&", "? ", ": ")


@dataclass(frozen=True, slots=True)
class Span:
    first: int
    last: int
    code: str
    """Code view of the span (comments blanked), lines joined by newlines."""
    bare: str
    """Bare view of the span (string contents blanked)."""

    @property
    def closed(self) -> bool:
        """Does the span end with its closing bracket (not cut off by the end of the known lines)?"""
        return self.bare.rstrip().endswith((")", "]", "}"))


def lines_of(lexed: Lexed) -> Iterator[tuple[int, str, str]]:
    """(line number, code view, bare view) for every known line, in order."""
    if lexed.rows or not lexed.segments:
        return iter(lexed.rows)
    return ((no, lexed.code[no], lexed.bare[no]) for segment in lexed.segments for no in segment)


def matching_lines(lexed: Lexed, pattern: re.Pattern[str]) -> Iterator[Hit]:
    """A hit on every known line whose bare view (code, strings blanked) matches `pattern`."""
    for no, _code, bare in lines_of(lexed):
        if pattern.search(bare):
            yield Hit(no)


def bracket_span(lexed: Lexed, line: int, col: int) -> Span:
    """From the bracket at (line, col) in the bare view to its match, or to the end of what is known.

    Stops after MAX_SPAN_LINES lines or at a gap in the known lines, so an unterminated call in a hunk
    still yields the text that is there. Each span is read once per file: several checks (and the naming
    of their findings) ask for the same call's (a `Span` is immutable)."""
    known = cast("dict[tuple[int, int], Span] | None", lexed.memo.get("_spans.bracket"))
    if known is None:
        known = {}
        lexed.memo["_spans.bracket"] = known
    span = known.get((line, col))
    if span is None:
        span = known[(line, col)] = _bracket_span(lexed, line, col)
    return span


def _bracket_span(lexed: Lexed, line: int, col: int) -> Span:
    code_parts: list[str] = []
    bare_parts: list[str] = []
    depth = 0
    no = line
    start = col
    while no in lexed.bare and no - line < MAX_SPAN_LINES:
        bare = lexed.bare[no]
        code = lexed.code[no]
        for bracket in _BRACKET.finditer(bare, start):
            if bracket.group() in _OPEN:
                depth += 1
            else:
                depth -= 1
                if depth <= 0:
                    i = bracket.start()
                    code_parts.append(code[start : i + 1])
                    bare_parts.append(bare[start : i + 1])
                    return Span(line, no, "\n".join(code_parts), "\n".join(bare_parts))
        code_parts.append(code[start:])
        bare_parts.append(bare[start:])
        no += 1
        start = 0
    return Span(line, no - 1, "\n".join(code_parts), "\n".join(bare_parts))


def statement_span(lexed: Lexed, line: int, col: int = 0) -> Span:
    """From (line, col) to the end of the statement: the line plus any lines its open brackets continue to."""
    code_parts: list[str] = []
    bare_parts: list[str] = []
    depth = 0
    no = line
    start = col
    while no in lexed.bare and no - line < MAX_SPAN_LINES:
        bare = lexed.bare[no]
        code_parts.append(lexed.code[no][start:])
        bare_parts.append(bare[start:])
        depth += _depth_change(bare[start:])
        stripped = bare.rstrip()
        following = lexed.bare.get(no + 1, "").lstrip()
        if (
            depth <= 0
            and no not in lexed.continued
            and not stripped.endswith(("\\", "+", ",", "(", "%", "."))
            and not following.startswith(_CONTINUATION)
        ):
            break
        no += 1
        start = 0
    last = min(no, line + MAX_SPAN_LINES - 1)
    last = last if last in lexed.bare else last - 1
    return Span(line, max(line, last), "\n".join(code_parts), "\n".join(bare_parts))


def chained_statement(lexed: Lexed, line: int, limit: int = 40) -> tuple[str, int]:
    """The bare text and last line of the statement starting on `line`, with a method chain continued on
    the lines below (`\n    .thenAccept(...)`, `\n    .onErrorResume(...)`), up to `limit` lines."""
    span = statement_span(lexed, line)
    text, last = span.bare, span.last
    while lexed.bare.get(last + 1, "").lstrip().startswith(".") and last - line < limit:
        more = statement_span(lexed, last + 1)
        text, last = text + "\n" + more.bare, more.last
    return text, last


def _depth_change(text: str) -> int:
    """Brackets `text` opens minus those it closes."""
    opened = text.count("(") + text.count("[") + text.count("{")
    return opened - text.count(")") - text.count("]") - text.count("}")


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def siblings_above(lexed: Lexed, start: int, indent: int, limit: int) -> Iterator[tuple[int, str]]:
    """The non-blank known lines from `start` upwards (at most `limit`) that sit at `indent`, while none in
    between is indented less (the block around ends there) and no line is missing."""
    for no in range(start, max(0, start - limit), -1):
        text = lexed.bare.get(no)
        if text is None or (text.strip() and indent_of(text) < indent):
            return
        if text.strip() and indent_of(text) == indent:
            yield no, text


REACH_LINES = 10
"""How far a finding may reach from the line that starts the trouble (a lock taken, a transaction begun) to
the line that shows it (the return that leaves it held), so that a reader on either line sees it."""


def reaches(ctx: FileContext, start: int, end: int) -> bool:
    """Whether a finding may span `start`..`end`: `start` is a line the change adds and `end` follows it
    within REACH_LINES."""
    return start in ctx.added and 0 <= end - start <= REACH_LINES


def enclosing_headers(lexed: Lexed, line: int, limit: int = 600) -> Iterator[tuple[int, str]]:
    """The lines that open the Python blocks around `line`, innermost first (each less indented than the
    one before; bare view), up to a line out of view or `limit` lines above."""
    indent = indent_of(lexed.bare.get(line, ""))
    for no in range(line - 1, max(0, line - limit), -1):
        text = lexed.bare.get(no)
        if text is None:
            return
        if text.strip() and indent_of(text) < indent:
            indent = indent_of(text)
            yield no, text


def python_block(lexed: Lexed, header: int) -> list[int]:
    """Lines of the indented block under the Python header line `header` (e.g. an `except ...:` line).

    A one-line body after the colon (`except E: pass`) is returned as the header line itself."""
    head = lexed.bare[header]
    colon = head.rstrip().endswith(":")
    if not colon:
        return [header]
    return indented_below(lexed, header)


def indented_below(lexed: Lexed, header: int) -> list[int]:
    """The known non-blank lines after `header` indented deeper than it, up to the first that is not: the
    body of a block told by indentation (Python, or Ruby up to its `end`)."""
    return indented_block(lexed, header)[0]


def indented_block(lexed: Lexed, header: int) -> tuple[list[int], int]:
    """`indented_below`'s body, and the line after it: the first dedented line, or the first line out of
    view (not in `lexed.bare`) when the known lines end inside the block."""
    base = indent_of(lexed.bare[header])
    body: list[int] = []
    no = header + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip():
            if indent_of(text) <= base:
                break
            body.append(no)
        no += 1
    return body, no


def python_block_closed(lexed: Lexed, header: int, body: list[int]) -> bool:
    """Is the block under `header` known to end (a dedented line follows it within the known lines)?"""
    if not body or body == [header]:
        return bool(body)
    base = indent_of(lexed.bare[header])
    no = body[-1] + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip():
            return indent_of(text) <= base
        no += 1
    # The known lines end here. In a hunk, a blank line after the body is taken as its end (handler bodies
    # rarely contain blank lines; the blank lines between definitions are what hunks usually end on).
    return lexed.whole_file or no - 1 > body[-1]


def brace_block(lexed: Lexed, line: int, col: int) -> Span | None:
    """The `{ ... }` block whose opening brace is the first `{` at or after (line, col), within 3 lines."""
    no = line
    start = col
    while no in lexed.bare and no - line < 3:
        found = lexed.bare[no].find("{", start)
        if found >= 0:
            return bracket_span(lexed, no, found)
        no += 1
        start = 0
    return None


def split_args(span: Span) -> list[str]:
    """Top-level comma-separated arguments of a bracket span (code view), without the outer brackets."""
    inner_bare = span.bare[1:-1] if span.bare.endswith((")", "]", "}")) else span.bare[1:]
    return split_top(inner_bare, span.code[1 : 1 + len(inner_bare)])


def split_top(masked: str, text: str | None = None, opening: str = _OPEN, closing: str = _CLOSE) -> list[str]:
    """`text` (default: `masked`) cut at the commas of `masked` outside brackets, a blank tail dropped.
    `masked` is `text` with strings and comments blanked to the same length, so their commas and brackets
    do not count; `opening`/`closing` name the brackets (`<(` and `>)` for Java generics)."""
    source = masked if text is None else text
    parts: list[str] = []
    depth = start = 0
    for i, char in enumerate(masked):
        if char in opening:
            depth += 1
        elif char in closing:
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    if source[start:].strip():
        parts.append(source[start:])
    return parts


def string_contents(span: Span) -> str:
    """The characters inside string literals in `span`, other characters replaced by spaces."""
    code, bare = span.code, span.bare
    if len(code) != len(bare):
        raise ValueError("the code and bare views of a span differ in length")
    try:
        code_bytes, bare_bytes = code.encode("latin-1"), bare.encode("latin-1")
    except UnicodeEncodeError:
        return _string_contents_by_runs(code, bare)
    # One character per byte: keep the code's bytes under the bare view's blanks, a blank elsewhere, with
    # whole-text bit masks (a loop over the runs of blanks costs several times as much on a typical span).
    keep = int.from_bytes(bare_bytes.translate(_BLANK_MASK), "big")
    blanks = int.from_bytes(b" " * len(bare), "big")
    merged = (int.from_bytes(code_bytes, "big") & keep) | (blanks & ~keep)
    return merged.to_bytes(len(bare), "big").decode("latin-1")


_BLANK_MASK = bytes(0xFF if byte == 0x20 else 0 for byte in range(256))
"""A byte table: all ones for a blank, zero for anything else."""


def _string_contents_by_runs(code: str, bare: str) -> str:
    # String contents are what the bare view blanks: copy the code under each run of blanks in one piece.
    parts: list[str] = []
    end = 0
    for blanks in _BLANKS.finditer(bare):
        parts.append(" " * (blanks.start() - end))
        parts.append(code[blanks.start() : blanks.end()])
        end = blanks.end()
    parts.append(" " * (len(bare) - end))
    return "".join(parts)


def after_span(lexed: Lexed, span: Span, col: int) -> str:
    """The bare text after `span`'s closing bracket on its last line (`span` opened at column `col` of its
    first line): what is chained on, or the rest of the statement."""
    last = span.bare.rsplit("\n", 1)[-1]
    end = (col if span.first == span.last else 0) + len(last)
    return lexed.bare.get(span.last, "")[end:]


def bracket_span_in_text(span: Span, col: int) -> Span:
    """The bracketed part of an already-joined span starting at offset `col` (which holds an opening "
    "bracket)."""
    depth = 0
    for i in range(col, len(span.bare)):
        ch = span.bare[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth <= 0:
                return Span(span.first, span.last, span.code[col : i + 1], span.bare[col : i + 1])
    return Span(span.first, span.last, span.code[col:], span.bare[col:])


def continued_statement(lexed: Lexed, line: int, closers: str = ")]}", limit: int = 12) -> str:
    """The statement starting at `line` (bare view): its line and the deeper-indented lines that continue
    its arguments, up to `limit` lines; a line of `closers` at its own indentation (`)` ending a call
    written over several lines) still belongs to it."""
    base = indent_of(lexed.bare[line])
    out = [lexed.bare[line]]
    no = line + 1
    while no in lexed.bare and no < line + limit:
        text = lexed.bare[no]
        if text.strip() and indent_of(text) <= base and not (closers and text.lstrip()[:1] in closers):
            break
        out.append(text)
        no += 1
    return "\n".join(out)


def called_through(
    start: set[str], bodies: dict[str, list[int]], lines: dict[int, str], calls: re.Pattern[str]
) -> set[str]:
    """`start` and every function of the file its members call, at any depth: `bodies` maps each function
    to its lines, `calls` finds the names of those functions called in a line."""
    reached = set(start)
    todo = list(reached)
    while todo:
        for no in bodies.get(todo.pop(), []):
            for name in calls.findall(lines[no]):
                if name not in reached:
                    reached.add(name)
                    todo.append(name)
    return reached
