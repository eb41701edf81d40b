"""`catch (...) { ... }` clauses in Java and JavaScript/TypeScript, found in lexed lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple, cast

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import brace_block, lines_of
from persona_review.lazy_re import lazy_re

_CATCH = lazy_re(
    r"\bcatch\s*(?:\(\s*(?:final\s+)?(?:(?P<types>[\w.|\s]*?[\w.])\s+)?(?P<name>\w+)?\s*(?::\s*\w+)?\s*\))?"
    r"\s*\{"
)


@dataclass(frozen=True, slots=True)
class Catch:
    line: int
    last: int
    types: str
    """Caught types as written (Java); empty for JavaScript or a bare `catch {`."""
    name: str | None
    body: str
    """Body text between the braces, code view (comments blanked)."""
    complete: bool
    """False when the closing brace is not among the known lines."""

    @property
    def empty(self) -> bool:
        return self.complete and not self.body.strip()


def catches(lexed: Lexed) -> Iterator[Catch]:
    """Every catch clause of the known lines, in order; read once per file (a dozen checks of a Java or
    JavaScript file ask, and each clause's block is found by a walk over its lines)."""
    found = cast("list[Catch] | None", lexed.memo.get("catch.catches"))
    if found is None:
        found = list(_catches(lexed))
        lexed.memo["catch.catches"] = found
    return iter(found)


def _catches(lexed: Lexed) -> Iterator[Catch]:
    for no, _code, bare in lines_of(lexed):
        if "catch" not in bare:
            continue
        for match in _CATCH.finditer(bare):
            block = brace_block(lexed, no, match.end() - 1)
            if block is None:
                continue
            complete = block.bare.endswith("}")
            body = block.code[1:-1] if complete else block.code[1:]
            types = (match.group("types") or "").strip()
            name = match.group("name")
            yield Catch(no, block.last, types, name, body, complete)


_TRY_HEAD = lazy_re(r"\btry\s*(?:\([^{]*\))?\s*$")
_CATCH_HEAD = lazy_re(r"\bcatch\s*\(([^)]*)\)\s*$")


class TryBlock(NamedTuple):
    """The `try` a catch clause belongs to."""

    body: str
    """Bare text of the `try` block, from after its opening brace to the catch."""
    earlier: list[str]
    """The types of the catches of the same `try` before this one, nearest first."""
    line: int
    """The line of the `try`'s opening brace."""
    head: str
    """The bare text of that line up to the brace (the `try` keyword and what precedes it)."""


def try_of(lexed: Lexed, catch_line: int, lookback: int = 300) -> TryBlock | None:
    """The `try` whose catch starts on `catch_line` (Java, bare view), walking back over it and any earlier
    catches of the same `try`, at most `lookback` lines; None when it is not among the known lines."""
    bare = lexed.bare.get(catch_line, "")
    at = bare.find("catch")
    if at < 0:
        return None
    no, text = catch_line, bare[:at]
    depth = 0
    earlier: list[str] = []
    collected: list[str] = []
    while catch_line - no < lookback:
        for i in range(len(text) - 1, -1, -1):
            ch = text[i]
            if ch == "}":
                depth += 1
            elif ch == "{":
                depth -= 1
                if depth == 0:
                    head = text[:i]
                    caught = _CATCH_HEAD.search(head)
                    if caught:
                        earlier.append(caught.group(1))
                        collected.clear()  # an earlier catch's body: not part of the try
                        continue
                    if not _TRY_HEAD.search(head):
                        return None
                    collected.append(text[i + 1 :])
                    return TryBlock("\n".join(reversed(collected)), earlier, no, head)
        collected.append(text)
        no -= 1
        if no not in lexed.bare:
            return None
        text = lexed.bare[no]
    return None
