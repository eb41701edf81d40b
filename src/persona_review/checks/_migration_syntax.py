"""Reading migration code line by line, tolerant of fragments: calls, their arguments, string literals,
and the enclosing `def`. Works on whatever lines a FileContext knows (whole file or hunks)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

MAX_STATEMENT_LINES = 60

_CALL_MARKS = lazy_re(r"[()\[\]{},]")
_KEYWORD_ARG = lazy_re(r"^(\w+)\s*[=:]\s*(?![=>])(.*)$", re.DOTALL)
_STRING = lazy_re(r'"""(.*?)"""|\'\'\'(.*?)\'\'\'|"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'', re.DOTALL)
_MARKS_OR_STRINGS = lazy_re(rf"{_STRING.pattern}|[()\[\]{{}},]", re.DOTALL)
"""A string literal (a group matches) or a bracket or comma outside one (no group matches)."""
_DEF = lazy_re(r"^(\s*)def\s+(?:self\.)?(\w+)")


class Statement(NamedTuple):
    line: int
    end_line: int
    text: str
    """The lines joined with newlines."""


def _code_part(text: str, comment: str) -> str:
    """`text` without a trailing comment (a comment marker inside a string is kept)."""
    if comment not in text:
        return text
    quote: str | None = None
    for i, char in enumerate(text):
        if quote:
            if char == quote and text[i - 1] != "\\":
                quote = None
        elif char in "\"'":
            quote = char
        elif text.startswith(comment, i):
            return text[:i]
    return text


def _depth_change(code: str) -> int:
    """Brackets `code` opens minus those it closes."""
    opened = code.count("(") + code.count("[") + code.count("{")
    return opened - code.count(")") - code.count("]") - code.count("}")


def statement_at(ctx: FileContext, line: int, ruby: bool = False) -> Statement:
    """The statement starting on `line`: following lines while brackets are open or the line continues
    (a trailing `\\`, an open bracket; in Ruby also a trailing `,` or block parameters)."""
    continues = ("\\", "(", "[", "{", ",", "|") if ruby else ("\\", "(", "[", "{")
    depth = 0
    parts: list[str] = []
    last = line
    in_triple = False
    for no in range(line, line + MAX_STATEMENT_LINES):
        text = ctx.lines.get(no)
        if text is None:
            break
        parts.append(text)
        last = no
        if text.count('"""') % 2 or text.count("'''") % 2:
            in_triple = not in_triple
        if in_triple:
            continue
        code = _code_part(text, "#")
        if '"' in code or "'" in code:
            code = _STRING.sub('""', code)
        depth += _depth_change(code)
        if depth < 0 or (depth == 0 and not code.rstrip().endswith(continues)):
            break
    return Statement(line, last, "\n".join(parts))


def statements_matching(
    ctx: FileContext, pattern: re.Pattern[str], ruby: bool = False
) -> Iterator[Statement]:
    """Statements whose first line matches `pattern` (comment lines never do)."""
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if text.lstrip().startswith("#"):
            continue
        if pattern.search(_code_part(text, "#")):
            yield statement_at(ctx, no, ruby)


def call_args(text: str, start: int = 0) -> tuple[list[str], dict[str, str]]:
    """Positional and keyword arguments of the first call at or after `start` (top-level split only)."""
    open_at = text.find("(", start)
    if open_at < 0:
        return [], {}
    depth = 0
    args: list[str] = []
    # Only brackets and commas (outside strings) matter: an argument is the text between two of them, cut
    # out in one piece (a bracket that opens the call is left out of it, and so is its closer). Strings
    # are read from the start of the text, as tokens to step over.
    quoted = "'" in text or '"' in text
    marks = _MARKS_OR_STRINGS.finditer(text) if quoted else _CALL_MARKS.finditer(text, open_at)
    pieces: list[str] = []
    start = open_at
    for mark in marks:
        i = mark.start()
        if mark.lastindex is not None or i < open_at:
            continue  # a string, or a mark before the call
        char = mark.group()
        if char in "([{":
            depth += 1
            if depth == 1:
                pieces.append(text[start:i])
                start = i + 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                pieces.append(text[start:i])
                break
        elif depth == 1:
            pieces.append(text[start:i])
            args.append("".join(pieces).strip())
            pieces = []
            start = i + 1
    else:
        pieces.append(text[start:])
    last = "".join(pieces).strip()
    if last:
        args.append(last)
    positional: list[str] = []
    keywords: dict[str, str] = {}
    for arg in args:
        match = _KEYWORD_ARG.match(arg) if "=" in arg or ":" in arg else None  # `[=:]` needs one
        if match and not arg.startswith((":", '"', "'")):
            keywords[match.group(1)] = match.group(2).strip()
        else:
            positional.append(arg)
    return positional, keywords


def string_literals(text: str) -> str:
    """The contents of every string literal in `text`, joined by spaces."""
    return " ".join(next(g for g in m.groups() if g is not None) for m in _STRING.finditer(text))


def first_string(text: str) -> str | None:
    match = _STRING.search(text)
    return next(g for g in match.groups() if g is not None) if match else None


def line_of(stmt: Statement, pattern: re.Pattern[str] | str) -> int:
    """The first line of `stmt` matching `pattern`, else its first line."""
    for offset, text in enumerate(stmt.text.split("\n")):
        if re.search(pattern, text):
            return stmt.line + offset
    return stmt.line


def top_level_defs(ctx: FileContext) -> dict[int, str]:
    """Line -> name of the top-level `def` it belongs to, in one pass (lines before any def are absent)."""
    owner: dict[int, str] = {}
    current: str | None = None
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if not text.strip():
            continue
        if not text[0].isspace():
            match = _DEF.match(text)
            if match:
                current = match.group(2)
            elif not text.startswith(("#", "@", ")")):
                current = None
            continue
        if current is not None:
            owner[no] = current
    return owner


def reverting_lines(ctx: FileContext, down: re.Pattern[str], up: re.Pattern[str]) -> set[int]:
    """Lines of a migration's reverting function (`down`), which is expected to drop what the forward one
    adds: from a line matching `down` up to the next line matching `up`, or the end of the known lines."""
    out: set[int] = set()
    inside = False
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if down.search(text):
            inside = True
        elif up.search(text):
            inside = False
        if inside:
            out.add(no)
    return out
