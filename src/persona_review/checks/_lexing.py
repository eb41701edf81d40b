"""Line views with comments (and optionally string contents) blanked, for regex checks.

The lexer runs over each run of consecutive known lines (`FileContext.segments`), carrying block-comment and
multi-line-string state across lines, so a hunk-only context and the whole file give the same views for the
lines they share. A hunk that starts inside a multi-line string or block comment is lexed from each
state its text could start in, and the most plausible reading is kept (`_lex_entry`).
Every view keeps the line's length and column positions, so offsets found in one view apply to the others.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from persona_review.checks._lex_entry import Mark, implausibility
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_SYNTAX = {
    # language: (line comment, has block comments, string delimiters, multi-line delimiters)
    "python": ("#", False, ("'", '"'), ("'''", '"""')),
    "javascript": ("//", True, ("'", '"'), ("`",)),
    "typescript": ("//", True, ("'", '"'), ("`",)),
    "go": ("//", True, ("'", '"'), ("`",)),
    "java": ("//", True, ("'", '"'), ('"""',)),
    "ruby": ("#", False, ("'", '"'), ()),
}
_NO_ESCAPE = {("go", "`")}


@dataclass(frozen=True, slots=True)
class Lexed:
    code: dict[int, str]
    """Line -> text with comments blanked, string literals kept."""
    bare: dict[int, str]
    """Line -> text with comments and string contents blanked (quotes kept)."""
    segments: list[list[int]]
    """Line numbers of each run of consecutive known lines."""
    continued: frozenset[int]
    """Lines that end inside a multi-line string or block comment."""
    whole_file: bool = False
    """The lines are the whole file, so the end of the known lines is the end of the file."""
    rows: tuple[tuple[int, str, str], ...] = ()
    """(line number, code view, bare view) of every known line, in order: what `_spans.lines_of` gives,
    built once (dozens of checks walk the lines of each file)."""
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Facts read from these views, kept for the other checks of the file (`_cstyle.string_constants`)."""


_CACHE: OrderedDict[int, tuple[FileContext, Lexed]] = OrderedDict()
_CACHE_SIZE = 8


def lex(ctx: FileContext) -> Lexed:
    """The views of `ctx`, computed once per context (checks of one file share them)."""
    key = id(ctx)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is ctx:
        return cached[1]
    result = _lex(ctx)
    _CACHE[key] = (ctx, result)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _lex(ctx: FileContext) -> Lexed:
    syntax = _SYNTAX.get(ctx.language)
    code: dict[int, str] = {}
    bare: dict[int, str] = {}
    segments: list[list[int]] = []
    continued: set[int] = set()
    for first, texts in ctx.segments():
        numbers = list(range(first, first + len(texts)))
        segments.append(numbers)
        if syntax is None:
            for no, text in zip(numbers, texts, strict=True):
                code[no] = bare[no] = text
            continue
        # Line 1 starts in code; a hunk further down may start inside a string or comment.
        views = _lex_lines(texts, None, syntax, ctx.language)
        if first > 1 and not ctx.whole_file:
            views = _likeliest(texts, views, syntax, ctx.language)
        for no, (c, b, state) in zip(numbers, views.rows, strict=True):
            code[no], bare[no] = c, b
            if state is not None:
                continued.add(no)
    rows = tuple([(no, code[no], bare[no]) for segment in segments for no in segment])
    return Lexed(code, bare, segments, frozenset(continued), ctx.whole_file, rows)


_Syntax = tuple[str, bool, tuple[str, ...], tuple[str, ...]]
_JUDGED_PAST_PIVOT = 8
"""Rows past the first closing delimiter that decide a hunk's start state."""


@dataclass(slots=True)
class _Views:
    rows: list[tuple[str, str, str | None]]
    """(code view, bare view, state at the line's end) per line."""
    marks: list[Mark]
    """Every multi-line string opened or closed, in order."""
    start: str | None = None
    """The state the first line starts in."""


def _lex_lines(texts: list[str], state: str | None, syntax: _Syntax, language: str) -> _Views:
    views = _Views([], [], state)
    for row, text in enumerate(texts):
        c, b, state = _lex_line(text, state, syntax, language, marks=views.marks, row=row)
        views.rows.append((c, b, state))
    return views


def _likeliest(texts: list[str], plain: _Views, syntax: _Syntax, language: str) -> _Views:
    """The lexing of a hunk from the start state (code, or inside a multi-line string or block comment)
    that reads most plausibly; the code state unless another is clearly better. Only states whose closing
    delimiter occurs in the hunk are tried, so a hunk without one costs nothing, and each is judged on the
    rows up to a few past where its delimiter first closes."""
    _comment, block, _singles, multis = syntax
    candidates = [(m, m) for m in multis]
    if block:
        candidates.append(("/*", "*/"))
    best, best_margin = plain, 0
    for start, closer in candidates:
        first = next((i for i, t in enumerate(texts) if closer in t), None)
        if first is None:
            continue
        rows = texts[: first + _JUDGED_PAST_PIVOT + 1]
        other = _lex_lines(rows, start, syntax, language)
        differ = [i for i, (a, b) in enumerate(zip(other.rows, plain.rows, strict=False)) if a[:2] != b[:2]]
        if not differ:
            continue
        # Where the two readings part: the first delimiter the other reading closes (or its first row).
        pivot = next((m.row for m in other.marks if not m.opens), differ[0])
        margin = _score(rows, plain, differ, pivot, language) - _score(rows, other, differ, pivot, language)
        if margin > best_margin:
            best, best_margin = other, margin
    if best is not plain and len(best.rows) < len(texts):
        best = _lex_lines(texts, best.start, syntax, language)
    return best


def _score(texts: list[str], views: _Views, rows: list[int], pivot: int, language: str) -> int:
    """Implausibility of `views` on the given rows (the rows where two lexings differ); the rows around
    `pivot` count double."""
    weights = [0] * len(texts)
    for i in rows:
        weights[i] = 2 if pivot - 2 <= i <= pivot + 3 else 1
    lines = [(t, c, b) for t, (c, b, _s) in zip(texts, views.rows, strict=False)]
    return implausibility(language, lines, [m for m in views.marks if m.row < len(texts)], weights)


_OPENERS = {
    "python": lazy_re(r"#|'''|\"\"\"|'|\""),
    "javascript": lazy_re(r"//|/\*|`|'|\""),
    "typescript": lazy_re(r"//|/\*|`|'|\""),
    "go": lazy_re(r"//|/\*|`|'|\""),
    "java": lazy_re(r"//|/\*|\"\"\"|'|\""),
    "ruby": lazy_re(r"#|'|\""),
}


def _string_end(text: str, start: int, delimiter: str, escape: bool) -> int:
    """Index of the delimiter closing a string that continues at `start`, or -1."""
    j = start
    while True:
        k = text.find(delimiter, j)
        if k < 0 or not escape:
            return k
        slashes = 0
        while k - slashes - 1 >= start and text[k - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return k
        j = k + 1


def _lex_line(
    text: str, state: str | None, syntax: _Syntax, language: str, *,
    marks: list[Mark] | None = None, row: int = 0,
) -> tuple[str, str, str | None]:
    """Views of one line, given the open construct from the line before ("/*" or a string delimiter).
    Multi-line strings opened or closed on the line are appended to `marks`."""
    line_comment, _block, singles, multis = syntax
    opener = _OPENERS[language]
    first = None
    if state is None:
        first = opener.search(text)
        if first is None:
            return text, text, None  # no comment or string starts on the line (most lines): both views are it
    code: list[str] = []
    bare: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        if state == "/*":
            end = text.find("*/", pos)
            stop = n if end < 0 else end + 2
            code.append(" " * (stop - pos))
            bare.append(" " * (stop - pos))
            pos = stop
            if end >= 0:
                state = None
            continue
        if state is not None:
            end = _string_end(text, pos, state, (language, state) not in _NO_ESCAPE)
            stop = n if end < 0 else end
            code.append(text[pos:stop])
            bare.append(" " * (stop - pos))
            if end < 0:
                pos = n
                break
            code.append(state)
            bare.append(state)
            pos = end + len(state)
            if marks is not None and state in multis:
                marks.append(Mark(row, pos, opens=False))
            state = None
            continue
        match = first or opener.search(text, pos)  # the search from the line's start is done already
        first = None
        if match is None:
            code.append(text[pos:])
            bare.append(text[pos:])
            break
        code.append(text[pos : match.start()])
        bare.append(text[pos : match.start()])
        token = match.group()
        if token == line_comment:
            code.append(" " * (n - match.start()))
            bare.append(" " * (n - match.start()))
            pos = n
            break
        if token == "/*":
            code.append("  ")
            bare.append("  ")
            state = "/*"
        else:
            code.append(token)
            bare.append(token)
            state = token
            if marks is not None and token in multis:
                marks.append(Mark(row, match.start(), opens=True))
        pos = match.end()
    if state in singles:
        state = None  # an unterminated one-line string ends with its line
    return "".join(code), "".join(bare), state
