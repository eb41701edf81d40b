"""What runs after an `if` block that does not leave the function, in brace languages (Go, JavaScript).

An error branch that writes a response and then falls out of its `if` lets the handler go on: the lines
that run next are the rest of the `if`'s enclosing blocks, outwards, up to the first statement that leaves
(`return`, `throw`, `panic`, `continue`, `break`). `continuation` walks them by indentation (gofmt and
prettier keep it exact) and stops where the path is no longer plain: an `else` or a `case` of an enclosing
statement (another branch), the end of a closure (`})`, `}()`), or a line out of view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks
from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import indent_of
from persona_review.lazy_re import lazy_re

CONTINUATION_LINES = 40
"""How many lines after the `if` are read for the handler going on (a longer tail is not followed)."""


def if_block(lexed: Lexed, blocks: Blocks, line: int, header: re.Pattern[str]) -> Block | None:
    """The innermost closed block holding `line` when it is an `if` (or `else if`) body that ends the
    chain (its closing line is a bare `}`, no `else` after it)."""
    enclosing = blocks.enclosing(line)
    if not enclosing:
        return None
    block = enclosing[0]
    last_header_line = block.header.rsplit("\n", 1)[-1]
    if not header.search(last_header_line):
        return None
    if lexed.bare.get(block.last, "").strip() != "}":
        return None  # `} else {`, `})`: the path after it is another branch or another function
    return block


def continuation(
    lexed: Lexed,
    blocks: Blocks,
    after: int,
    floor: int,
    *,
    exits: re.Pattern[str],
    function: re.Pattern[str],
    limit: int = CONTINUATION_LINES,
) -> Iterator[tuple[int, str, bool]]:
    """(line, bare text, at the `if`'s level or outer) for the lines that run after line `after` when the
    `if` indented at `floor` falls through, up to and including a leaving statement at that level, and
    up to the end of the function (a block whose header matches `function`, or one opened out of view)."""
    level = floor
    first = True
    for no in range(after + 1, after + 1 + limit):
        text = lexed.bare.get(no)
        if text is None:
            return
        stripped = text.strip()
        if not stripped:
            continue
        if first and _ELSE.match(stripped):
            return  # an `else` on its own line (or after a braceless `if`): the rest is another branch
        first = False
        indent = indent_of(text)
        if indent < level:
            if stripped not in ("}", "};"):
                return  # `} else {`, `case x:`, `})`: another branch, or the end of a closure
            closed = blocks.blocks.get(blocks.owner.get(no, -1))
            if closed is None or closed.last != no or function.search(closed.header.rsplit("\n", 1)[-1]):
                return  # the end of the function, or of a block we cannot see the start of
            level = indent
            continue
        outer = indent <= level
        yield no, text, outer
        if outer and exits.match(stripped):
            return


LEAVES_GO = lazy_re(
    r"(?<![\w.$])(?:return\b|panic\(|continue\b|break\b|goto\b|os\.Exit\(|log\.Fatal|runtime\.Goexit\()"
)
_ELSE = lazy_re(r"else\b")
FUNCTION_GO = lazy_re(r"\bfunc\b")
FUNCTION_JS = lazy_re(
    r"=>\s*$|\bfunction\b"
    r"|^\s*(?:(?:public|private|protected|static|async)\s+)*(?!(?:if|for|while|switch|catch|with)\b)"
    r"[\w$]+\s*\(.*\)\s*(?::.*)?$"
)
LEAVES_JS = lazy_re(r"(?<![\w.$])(?:return\b|throw\b|continue\b|break\b|process\.exit\()")


def leaves_within(lexed: Lexed, first: int, last: int, exits: re.Pattern[str]) -> bool:
    """Whether any line from `first` to `last` leaves (a `return` anywhere in them, however nested)."""
    return any(exits.search(lexed.bare.get(no, "")) for no in range(first, last + 1))


QUOTE_CHARS = 60


def quoted(code: str) -> str:
    """A statement as a message quotes it: trimmed, without a trailing `;`, cut at QUOTE_CHARS, with no
    backticks of its own."""
    text = " ".join(code.split()).rstrip(";").replace("`", "'")
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3].rstrip() + "..."
