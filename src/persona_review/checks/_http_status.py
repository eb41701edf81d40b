"""An HTTP response whose body is read while nothing looks at its status, in lexed code (Go, Ruby, and
JavaScript/TypeScript's `fetch`): what `go_http_status`, `ruby_http_status` and `js_http_status` share.

From the line that stores a response in a variable, the lines that follow are read while they stay in the
same block (indented at least as far, at most `WINDOW` lines): a read of the body reports the call unless
one of those lines looks at the status or hands the variable on whole (to a call, a `return`, another
variable, or a line that is the name alone: Ruby's implicit return), since a helper or the caller may
check it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import indent_of, lines_of
from persona_review.lazy_re import lazy_re

WINDOW = 60
_IF = lazy_re(r"^\s*(?:\}\s*else\s+)?if\b")


@dataclass(frozen=True, slots=True)
class Rules:
    stored: re.Pattern[str]
    """A line that stores a response: group `name` is the variable, group `call` the call."""
    read: str
    """A read of the body of `{name}` (a regex; `{name}` is filled in, escaped)."""
    status: str
    """A look at the status of `{name}`."""
    decoded: str
    """A line that decodes the body of `{name}` into a variable (group `target`): a later `if` on a field of
    that variable checks the answer's own content (`if !r.Success`), which counts as looking."""


READ_SPAN = 10
"""At most this many lines from a request to the read of its body for a finding to cover both."""


def read_end(request_line: int, read_line: int, offset: int = 0) -> int | None:
    """The end line of a finding at a request whose body is read on `read_line` (both `offset` lines off
    the file's): the read, when it follows within READ_SPAN lines, so the finding covers the request and
    the unchecked read; else None (the request's line alone)."""
    return read_line + offset if 0 < read_line - request_line <= READ_SPAN else None


@dataclass(frozen=True, slots=True)
class Unchecked:
    line: int
    name: str
    call: str
    read_line: int


def unchecked(lexed: Lexed, rules: Rules) -> Iterator[Unchecked]:
    rows = list(lines_of(lexed))
    for index, (no, _code, bare) in enumerate(rows):
        stored = rules.stored.search(bare)
        if stored is None:
            continue
        name = stored.group("name")
        escaped = re.escape(name)
        read = re.compile(rules.read.format(name=escaped))
        status = re.compile(rules.status.format(name=escaped))
        handed = re.compile(
            rf"[(,]\s*{escaped}\s*[,)]|\breturn\s+{escaped}\b\s*[;}}]?\s*$|=\s*{escaped}\s*;?\s*$|"
            rf"\b(?:return|yield)\s+{escaped}\s*,|^\s*{escaped}\s*$"
        )
        decoded = re.compile(rules.decoded.format(name=escaped))
        targets: set[str] = set()
        indent = indent_of(bare)
        first_read: int | None = None
        cleared = False
        previous = no
        for later, _later_code, text in rows[index + 1 : index + 1 + WINDOW]:
            if later != previous + 1:
                break  # a gap between hunks: what it holds is unknown
            previous = later
            if not text.strip():
                continue
            if indent_of(text) < indent:
                break
            if status.search(text) or handed.search(text):
                cleared = True
                break
            if first_read is None and read.search(text):
                first_read = later
            target = decoded.search(text)
            if target is not None:
                targets.add(target.group("target"))
            if targets and _IF.match(text) and any(
                re.search(rf"(?<![\w$.]){re.escape(t)}\s*(?:\?\.|\.|\[)", text) for t in targets
            ):
                cleared = True
                break
            if re.search(rf"(?<![\w$.]){escaped}\s*(?::=|=)(?!=)", text):
                break  # a new response under the same name: its own line is read on its own
        if first_read is not None and not cleared:
            yield Unchecked(no, name, stored.group("call"), first_read)
