"""Python handler/block helpers shared by the Python check modules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import lines_of, python_block, python_block_closed
from persona_review.lazy_re import lazy_re

_EXCEPT = lazy_re(r"^(\s*)except\b\s*(\*?\s*[^:]*?)\s*(?:\bas\s+(\w+))?\s*:(.*)$")
_BROAD_NAMES = lazy_re(r"\b(?:builtins\.)?(?:Exception|BaseException)\b")
_REPORTED = lazy_re(
    r"\braise\b|\bexception\(|\bexc_info\s*=\s*(?!False|None)|\bsys\.exit\(|\bos\._exit\(|(?<![\w.])exit\("
)
_PASS_ONLY = {"pass", "...", "continue"}


@dataclass(frozen=True, slots=True)
class Handler:
    line: int
    types: str
    """What is caught, as written ("" for a bare except)."""
    name: str | None
    body: list[tuple[int, str]]
    """(line, code view stripped) of each body statement line; an inline body is on the handler line."""
    complete: bool
    """The whole body is among the known lines (so what it lacks, it really lacks)."""

    @property
    def bare(self) -> bool:
        return not self.types.strip()

    @property
    def broad(self) -> bool:
        return self.bare or bool(_BROAD_NAMES.search(self.types))

    @property
    def silent(self) -> bool:
        """The body does nothing but pass/continue/`...`."""
        return bool(self.body) and all(text in _PASS_ONLY for _, text in self.body)

    @property
    def reports(self) -> bool:
        """The body re-raises, exits, or logs the exception with its traceback."""
        return any(_REPORTED.search(text) for _, text in self.body)


def handlers(lexed: Lexed) -> Iterator[Handler]:
    """Every `except` clause whose header is a known line."""
    for no, code, bare in lines_of(lexed):
        if "except" not in bare:
            continue
        match = _EXCEPT.match(bare)
        if match is None:
            continue
        types = code[match.start(2) : match.end(2)]
        inline = match.group(4).strip()
        if inline:
            body = [(no, code[match.start(4) :].strip())]
            complete = True
        else:
            numbers = python_block(lexed, no)
            complete = python_block_closed(lexed, no, numbers)
            body = [(n, lexed.code[n].strip()) for n in numbers]
            body = [(n, t) for n, t in body if t]
        yield Handler(no, types, match.group(3), body, complete)
