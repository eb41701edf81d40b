"""`catch (...) { ... }` clauses in Java and JavaScript/TypeScript, found in lexed lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
