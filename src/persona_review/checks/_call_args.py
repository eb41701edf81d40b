"""Reading the arguments of a call in lexed text (comments and string contents blanked, quotes kept) with
the same offsets in a view that keeps the strings: what the route-guard checks need to see the middleware
passed to a route registration without parsing the language.
"""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

SPLIT = lazy_re(r"[()\[\]{},]")
MAX_ARGS = 4000
"""How far (in characters) a call's arguments are read before giving up (or taking the handler to start)."""


def skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def after_call(bare: str, start: int) -> int | None:
    """The offset just past the `)` closing the call whose `(` ends just before `start`."""
    depth = 1
    pos = start
    limit = min(len(bare), start + MAX_ARGS)
    while pos < limit:
        match = SPLIT.search(bare, pos, limit)
        if match is None:
            return None
        char = match.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return match.end()
        pos = match.end()
    return None


def arguments(bare: str, code: str, start: int, inline: re.Pattern[str]) -> tuple[list[str], bool] | None:
    """The arguments (as written, from `code`) of the call whose `(` ends just before `start`, up to the
    first one that `inline` matches at its start (a function written in place: the handler, whose body is
    not read), and whether there was one. None when the arguments do not end within `MAX_ARGS`
    characters."""
    args: list[str] = []
    depth = 0
    begin = pos = start
    limit = min(len(bare), start + MAX_ARGS)
    while True:
        if depth == 0 and pos == begin and inline.match(bare, pos) and not _parenthesised(bare, pos):
            return args, True
        match = SPLIT.search(bare, pos, limit)
        if match is None:
            return None
        char = match.group()
        pos = match.end()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                last = code[begin:match.start()]
                if last.strip():
                    args.append(last)
                return args, False
            depth -= 1
        elif char == "," and depth == 0:
            args.append(code[begin:match.start()])
            begin = pos


def _parenthesised(bare: str, pos: int) -> bool:
    """Whether the argument at `pos` opens with `(` that is a parenthesised expression, not an arrow
    function's parameters (`(auth)` rather than `(req, res) =>`)."""
    if bare[skip_space(bare, pos)] != "(":
        return False
    end = after_call(bare, skip_space(bare, pos) + 1)
    return end is not None and not bare[end:end + 40].lstrip().startswith(("=>", ":"))


def literal(arg: str) -> str | None:
    """The text of a string-literal argument without its quotes; None for anything else."""
    text = arg.strip()
    if len(text) >= 2 and text[0] in "'\"`" and text[-1] == text[0]:
        return text[1:-1]
    return None


def items(text: str) -> list[str]:
    """The top-level comma-separated items of `text` (an array literal's inside)."""
    items: list[str] = []
    depth = 0
    begin = 0
    for match in SPLIT.finditer(text):
        char = match.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0:
            items.append(text[begin:match.start()])
            begin = match.end()
    items.append(text[begin:])
    return items


