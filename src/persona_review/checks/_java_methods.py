"""The Java method (or lambda, or initializer) body around a line, known entire, from `_blocks`."""

from __future__ import annotations

import re

from persona_review.checks._blocks import Block, blocks_of, closing_line
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_CONTROL = lazy_re(r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized)\b")
TYPE_HEADER = lazy_re(r"\b(?:class|interface|enum|record)\s+[A-Za-z_$]")
"""A type's declaration (`class Foo`, `record Point(`): the keyword followed by the type's name, so a
parameter or variable called `record` (`ConsumerRecord<K, V> record)`) is not one."""
_METHOD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$|->\s*$|^\s*static\s*$")


def method_block(ctx: FileContext, line: int) -> Block | None:
    """The innermost closed block holding `line` that is a method, constructor, lambda or initializer
    body; None when that body is not known entire (a hunk cut it)."""
    for block in blocks_of(ctx).enclosing(line):
        before, _, own = block.header.rpartition("\n")
        if not own.strip():
            own = before  # the brace on a line of its own: the signature is on the line before
        if _CONTROL.match(own) or re.search(r"\bnew\s+[\w.<>]+\s*\([^)]*\)\s*$", own):
            continue  # a statement's block, or an anonymous class body
        if TYPE_HEADER.search(own):
            return None  # reached the type: the line is not in a method
        if _METHOD.search(own):
            return block
    return None


def method_end(ctx: FileContext, bare: dict[int, str], line: int) -> int | None:
    """The last line of the method around `line`: its closing brace's line when the body is known entire
    (`method_block`), or, for a hunk that starts inside the method (its signature above the hunk), the
    brace that closes it when every line from `line` down to it is known (`_blocks.closing_line`). None
    when `line` is in no method (a field, a type's body) or the hunk stops before the method does.

    Nothing above `line` in the method can undo what `line` starts (close a resource it opens, shut down a
    pool it makes), so those lines are all a check needs."""
    block = method_block(ctx, line)
    if block is not None:
        return block.last
    enclosing = blocks_of(ctx).enclosing(line)
    for known in enclosing:
        before, _, own = known.header.rpartition("\n")
        if TYPE_HEADER.search(own if own.strip() else before):
            return None  # `line` is in a type's body, not in a method
    return closing_line(bare, line, len(enclosing))  # the known blocks around `line` close first
