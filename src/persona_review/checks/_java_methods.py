"""The Java method (or lambda, or initializer) body around a line, known entire, from `_blocks`."""

from __future__ import annotations

import re

from persona_review.checks._blocks import Block, blocks_of
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_CONTROL = lazy_re(r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized)\b")
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
        if re.search(r"\b(?:class|interface|enum|record)\b", own):
            return None  # reached the type: the line is not in a method
        if _METHOD.search(own):
            return block
    return None
