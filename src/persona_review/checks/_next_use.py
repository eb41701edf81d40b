"""The next mention of a variable in its block, and whether that mention reads a member of it.

Checks of values that may be absent (a lookup's `null`, `nil` or `None`) ask the same question in every
language: after the line that assigns `name`, is the first mention of it, before the block ends, a member
access (`user.email`, `user.update!(...)`) on a line that does not test it? Each language supplies what a
mention and a member access look like, and what a test on the line looks like.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import indent_of


def next_member_use(
    lexed: Lexed,
    after: int,
    indent: int,
    window: int,
    *,
    mention: re.Pattern[str],
    member: re.Pattern[str],
    guarded: Callable[[str, str], bool],
) -> tuple[int, str] | None:
    """(line, member) when the first mention (`mention`) within `window` lines after `after`, still in the
    block indented at `indent`, is a member access (`member`, whose group `m` names the member) on a line
    `guarded(text, member)` does not call a test; None otherwise (no mention, the block ends, or the first
    mention is no member access or is tested)."""
    for line in range(after + 1, after + window):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            return None  # the block ends
        first = mention.search(text)
        if first is None:
            continue
        hit = member.match(text, first.start())
        if hit is None or guarded(text, hit.group("m")):
            return None
        return line, hit.group("m")
    return None
