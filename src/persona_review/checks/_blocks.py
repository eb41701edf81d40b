"""Brace blocks and the functions they belong to, in lexed C-style lines (Go, Java, JavaScript/TypeScript).

One linear pass per file (cached on the context) pairs every `{` with its `}` inside each run of known
lines, and notes the text before each `{` on its line and the line before (its header: `func (s *S)
Get(w http.ResponseWriter, r *http.Request) {`, `public void save() throws SQLException {`). A block is
`closed` only when both braces are known, so checks that read a whole function body see it entire or not at
all: a hunk that starts or ends mid-function yields no body, never a truncated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_BRACE = lazy_re(r"[{}]")


@dataclass(frozen=True, slots=True)
class Block:
    first: int
    """Line of the opening brace."""
    col: int
    """Column of the opening brace."""
    last: int
    """Line of the closing brace."""
    header: str
    """Bare text before the opening brace: the rest of its line before it, after the previous line."""
    depth: int
    """How many known blocks enclose this one."""


@dataclass(frozen=True, slots=True)
class Blocks:
    blocks: dict[int, Block]
    """Closed blocks by the id of their opening brace."""
    parent: dict[int, int]
    """Opening brace id -> the id of the brace open around it."""
    owner: dict[int, int]
    """Line -> id of the innermost brace open at the start of the line."""
    opened: dict[int, tuple[int, str]]
    """Every opening brace's id, closed in view or not -> (its line, its header, as `Block.header`)."""
    first_closed: dict[int, Block]
    """Line -> the first block opened on it of those closed in view."""

    def open_at(self, line: int) -> list[int]:
        """Ids of every brace open at the start of `line`, innermost first, closed in view or not."""
        out: list[int] = []
        brace = self.owner.get(line)
        while brace is not None:
            out.append(brace)
            brace = self.parent.get(brace)
        return out

    def opening_on(self, line: int) -> Block | None:
        """The first block opened on `line` that is closed in view (`if err != nil {`, `defer func() {`)."""
        return self.first_closed.get(line)

    def open_headers(self, line: int) -> list[tuple[int, str]]:
        """(line, header) of every brace open at the start of `line`, innermost first, closed in view or
        not: what a hunk that cuts a function's end still shows of the function and the blocks in it."""
        return [self.opened[brace] for brace in self.open_at(line)]

    def enclosing(self, line: int) -> list[Block]:
        """The closed blocks whose body holds `line` (after the opening brace's line, up to the closing
        brace's), innermost first. Stops at the first block not closed in the known lines."""
        out: list[Block] = []
        brace = self.owner.get(line)
        while brace is not None:
            block = self.blocks.get(brace)
            if block is None:
                break
            out.append(block)
            brace = self.parent.get(brace)
        return out

    def innermost(self, line: int, header: re.Pattern[str]) -> Block | None:
        """The innermost closed block holding `line` whose header matches `header`."""
        for block in self.enclosing(line):
            if header.search(block.header):
                return block
        return None

    def all(self) -> list[Block]:
        """Every closed block, ordered by its opening brace."""
        return sorted(self.blocks.values(), key=lambda b: (b.first, b.col))


def blocks_of(ctx: FileContext) -> Blocks:
    """The closed brace blocks of `ctx`'s known lines, computed once per file."""
    return ctx.cached("_blocks.blocks", lambda: _scan(lex(ctx)))


def _scan(lexed: Lexed) -> Blocks:
    blocks: dict[int, Block] = {}
    parent: dict[int, int] = {}
    owner: dict[int, int] = {}
    opened: dict[int, tuple[int, str]] = {}
    ids = 0
    for segment in lexed.segments:
        stack: list[tuple[int, int, int, str]] = []
        previous = ""
        for no in segment:
            if stack:
                owner[no] = stack[-1][0]
            bare = lexed.bare[no]
            if "{" in bare or "}" in bare:
                for brace in _BRACE.finditer(bare):
                    if brace.group() == "{":
                        if stack:
                            parent[ids] = stack[-1][0]
                        header = previous + "\n" + bare[: brace.start()]
                        stack.append((ids, no, brace.start(), header))
                        opened[ids] = (no, header)
                        ids += 1
                    elif stack:
                        brace_id, first, col, header = stack.pop()
                        blocks[brace_id] = Block(first, col, no, header, len(stack))
                    # a `}` with nothing open closes a block that started before the known lines
            if bare.strip():
                previous = bare
    first_closed: dict[int, Block] = {}
    for brace_id in sorted(blocks):
        first_closed.setdefault(blocks[brace_id].first, blocks[brace_id])
    return Blocks(blocks, parent, owner, opened, first_closed)


_HANDLER_AFTER = lazy_re(r"^\s*(?:catch|finally|else)\b")


def closing_line(bare: dict[int, str], start: int, depth: int = 0) -> int | None:
    """Reading the known lines from `start` with `depth` blocks already open, the line of the brace that
    closes one more block than was open (the end of the block `start` sits in), or None when the known
    lines stop first. A `} catch`, `} finally` or `} else` does not end it: the handler or branch that
    follows belongs to the same statement, and the reading goes on through it."""
    number = start
    while number in bare:
        text = bare[number]
        if "{" in text or "}" in text:
            for index, char in enumerate(text):
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                    # the handler's own opening brace (on this line or the next) brings the depth back
                    if depth < 0 and not _HANDLER_AFTER.match(text[index + 1 :]):
                        return number
        number += 1
    return None


def body_text(lexed: Lexed, block: Block, start: int | None = None, bare: bool = True) -> str:
    """The block's lines (bare or code view) from `start` (default: its first line) to its last."""
    view = lexed.bare if bare else lexed.code
    return "\n".join(view[n] for n in range(start if start is not None else block.first, block.last + 1))
