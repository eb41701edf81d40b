"""Line views with comments (and optionally string contents) blanked, for regex checks.

The lexer runs over each run of consecutive known lines (`FileContext.segments`), carrying block-comment and
multi-line-string state across lines, so a hunk-only context and the whole file give the same views for the
lines they share, except when a hunk starts inside a multi-line string or comment (then it lexes as code).
Every view keeps the line's length and column positions, so offsets found in one view apply to the others.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from persona_review.checks.base import FileContext

_SYNTAX = {
    # language: (line comment, has block comments, string delimiters, multi-line delimiters)
    "python": ("#", False, ("'", '"'), ("'''", '"""')),
    "javascript": ("//", True, ("'", '"'), ("`",)),
    "typescript": ("//", True, ("'", '"'), ("`",)),
    "go": ("//", True, ("'", '"'), ("`",)),
    "java": ("//", True, ("'", '"'), ('"""',)),
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
        state: str | None = None
        for no, text in zip(numbers, texts, strict=True):
            c, b, state = _lex_line(text, state, syntax, ctx.language)
            code[no], bare[no] = c, b
            if state is not None:
                continued.add(no)
    return Lexed(code, bare, segments, frozenset(continued), ctx.whole_file)


def _lex_line(
    text: str, state: str | None, syntax: tuple[str, bool, tuple[str, ...], tuple[str, ...]], language: str
) -> tuple[str, str, str | None]:
    """Views of one line, given the open construct from the line before ("/*" or a string delimiter)."""
    line_comment, block, singles, multis = syntax
    code = list(text)
    bare = list(text)
    i = 0
    n = len(text)
    while i < n:
        if state == "/*":
            end = text.find("*/", i)
            stop = n if end < 0 else end + 2
            for j in range(i, stop):
                code[j] = bare[j] = " "
            i = stop
            if end >= 0:
                state = None
            continue
        if state is not None:
            # inside a string opened by `state`
            escape = (language, state) not in _NO_ESCAPE
            j = i
            while j < n:
                if escape and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(state, j):
                    break
                j += 1
            for k in range(i, min(j, n)):
                bare[k] = " "
            if j >= n:
                if state in singles:  # an unterminated one-line string ends with its line
                    state = None
                return "".join(code), "".join(bare), state
            i = j + len(state)
            state = None
            continue
        ch = text[i]
        if text.startswith(line_comment, i):
            for j in range(i, n):
                code[j] = bare[j] = " "
            break
        if block and text.startswith("/*", i):
            state = "/*"
            for j in range(i, min(i + 2, n)):
                code[j] = bare[j] = " "
            i += 2
            continue
        opened = next((d for d in multis if text.startswith(d, i)), None)
        if opened is None and ch in singles:
            opened = ch
        if opened is not None:
            state = opened
            i += len(opened)
            continue
        i += 1
    if state in singles:
        state = None
    return "".join(code), "".join(bare), state
