"""Classes with their annotations (Java) or decorators (TypeScript), and the annotated methods in them.

One linear pass over each run of known lines (lexed: comments and string contents blanked), tracking
braces and parentheses. An annotation counts when it stands at the level of a class body, or before a
class: `@Param()` inside a method's parameter list and annotations inside a method body are not the
method's. A run of lines that starts inside a class gives no class, so a hunk that does not show the class
header gives no methods: what a class-level annotation would say about them is unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_TOKEN = lazy_re(r"@[A-Za-z_$][\w$.]*|[{}();]|(?<![\w$.])(?:class|interface|enum|record)\b")
_PAREN = lazy_re(r"[()]")
_NAME = lazy_re(r"([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>\s*)?\(")
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "synchronized", "return", "new"})


@dataclass(frozen=True, slots=True)
class Annotation:
    name: str
    """As written, without `@` (`PreAuthorize`, `org.springframework.web.bind.annotation.GetMapping`)."""
    args: str
    """The text between its parentheses, strings kept ("" without any)."""
    line: int

    @property
    def short(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    line: int
    """The line of the method's name."""
    annotations: tuple[Annotation, ...]


@dataclass(slots=True)
class AnnotatedClass:
    name: str
    line: int
    annotations: tuple[Annotation, ...]
    methods: list[Method] = field(default_factory=list)


@dataclass(slots=True)
class _Frame:
    paren: int
    """The parenthesis depth when the brace opened."""
    owner: AnnotatedClass | None
    """The class whose body this brace opens, if any."""


def annotated_classes(ctx: FileContext) -> list[AnnotatedClass]:
    """Every class whose header is in the known lines, with its annotated methods; computed once."""
    return ctx.cached("_annotated_classes", lambda: _scan(ctx))


def _scan(ctx: FileContext) -> list[AnnotatedClass]:
    lexed = lex(ctx)
    out: list[AnnotatedClass] = []
    for numbers in lexed.segments:
        bare = "\n".join(lexed.bare[n] for n in numbers)
        code = "\n".join(lexed.code[n] for n in numbers)
        starts = [0]
        for n in numbers[:-1]:
            starts.append(starts[-1] + len(lexed.bare[n]) + 1)
        out.extend(_segment(bare, code, starts, numbers[0]))
    return out


def _segment(bare: str, code: str, starts: list[int], first: int) -> list[AnnotatedClass]:
    def line_of(offset: int) -> int:
        return first + bisect_right(starts, offset) - 1

    classes: list[AnnotatedClass] = []
    frames: list[_Frame] = []
    paren = 0
    pending: list[Annotation] = []
    after = 0  # where the text after the last pending annotation starts
    kind = ""  # "class" after the keyword of a class header, "other" after interface/enum/record
    name = ""
    pos = 0
    while True:
        token = _TOKEN.search(bare, pos)
        if token is None:
            break
        text = token.group()
        pos = token.end()
        base = frames[-1].paren if frames else 0
        if text[0] == "@":
            if paren != base:
                continue
            args = ""
            opened = re.match(r"\s*\(", bare[pos:pos + 200])
            if opened is not None:
                close = _close(bare, pos + opened.end())
                if close is None:
                    break  # an annotation that never closes in the known lines
                args = code[pos + opened.end():close]
                pos = close + 1
            if text == "@interface":
                kind = "other"
                continue
            pending.append(Annotation(text[1:], args, line_of(token.start())))
            after = pos
        elif text == "(":
            paren += 1
        elif text == ")":
            paren = max(paren - 1, 0)
        elif text == ";":
            if paren == base:
                pending = []
                kind = ""
        elif text == "{":
            owner: AnnotatedClass | None = None
            if kind == "class":
                owner = AnnotatedClass(name, line_of(token.start()), tuple(pending))
                classes.append(owner)
            elif pending and frames and frames[-1].owner is not None and paren == base:
                method = _method(code, after, token.start(), pending, line_of)
                if method is not None:
                    frames[-1].owner.methods.append(method)
            frames.append(_Frame(paren, owner))
            pending = []
            kind = ""
        elif text == "}":
            if frames:
                paren = frames.pop().paren
            pending = []
            kind = ""
        elif paren == base:
            kind = "class" if text == "class" else "other"
            named = re.match(r"\s+([A-Za-z_$][\w$]*)", bare[pos:pos + 200])
            name = named.group(1) if named else ""
    return classes


def _close(text: str, start: int) -> int | None:
    """The offset of the `)` closing the parenthesis opened just before `start`."""
    depth = 1
    for match in _PAREN.finditer(text, start):
        depth += 1 if match.group() == "(" else -1
        if depth == 0:
            return match.start()
    return None


def _method(code: str, start: int, end: int, pending: list[Annotation],
            line_of: Callable[[int], int]) -> Method | None:
    for match in _NAME.finditer(code, start, end):
        if match.group(1) not in _KEYWORDS:
            return Method(match.group(1), line_of(match.start(1)), tuple(pending))
    return None
