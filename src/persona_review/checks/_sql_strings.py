"""SQL text in string literals of Go, Java and JavaScript/TypeScript migration code, line for line.

A literal (Go `"…"` and raw backtick strings, Java `"…"` and `\"\"\"` text blocks, JS quotes and template
literals) and the literals joined to it with `+` make one piece. Each piece keeps every line of its text on
the source line it sits on, so the SQL scanner's findings land on the right line; `${…}` in a template is
read as a placeholder name. The call the piece is passed to (`tx.Exec`, `knex.raw`, `jdbcTemplate.execute`)
is named, so callers keep only pieces that are run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re


class SqlPiece(NamedTuple):
    call: str
    """The callee the piece is the first argument of (`tx.Exec`; the second after a Go `…Context` call's
    context); the field name and a colon when it is a field's value (`up:` in `{version: 3, up: "…"}`);
    else ""."""
    lines: list[tuple[int, str]]
    """(source line, text) of the piece's contents."""

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 0

    @property
    def end_line(self) -> int:
        return self.lines[-1][0] if self.lines else 0

    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


class _Literal(NamedTuple):
    lines: list[tuple[int, str]]
    before: str
    """Code between the previous literal (or the segment start) and this one."""


_CALLEE = lazy_re(
    r"([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\("
    r"(?:(?<=Context\()\s*[\w.]+(?:\(\))?\s*,)?\s*$"
)
"""The callee a literal is the first argument of, or the second after the context of a Go `…Context(ctx, `
call (`tx.ExecContext(ctx, "CREATE INDEX …")`)."""
_FIELD = lazy_re(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*:\s*(?:\[\]string\s*\{\s*)?$")
"""A field of a struct or object literal whose value the literal is (`up: "CREATE …"`; the first string of a
Go `[]string{…}` value, as sql-migrate's `Up: []string{"CREATE …"}`)."""
_TEMPLATE_FIELD = lazy_re(r"\$\{[^}]*\}")


def _literals(first: int, texts: list[str], language: str) -> list[_Literal]:
    """Every string literal of one run of consecutive lines, with the code before each."""
    out: list[_Literal] = []
    code: list[str] = []
    state = ""  # "" code, or the closing delimiter of the literal/comment being read
    current: list[tuple[int, str]] = []
    buf: list[str] = []
    backslash_escapes = True
    for offset, text in enumerate(texts):
        no = first + offset
        i = 0
        while i < len(text):
            if state == "":
                if text.startswith("//", i):
                    break
                if text.startswith("/*", i):
                    state, i = "*/", i + 2
                    continue
                if language == "java" and text.startswith('"""', i):
                    state, i, backslash_escapes = '"""', i + 3, True
                    current, buf = [], []
                    continue
                char = text[i]
                if char in "\"'`":
                    if char == "'" and language in ("go", "java"):
                        end = text.find("'", i + 1 + (text[i + 1 : i + 2] == "\\"))
                        code.append(text[i : end + 1] if end > 0 else text[i:])
                        i = end + 1 if end > 0 else len(text)
                        continue
                    state, backslash_escapes = char, not (char == "`" and language == "go")
                    current, buf = [], []
                    i += 1
                    continue
                code.append(char)
                i += 1
                continue
            if state == "*/":
                end = text.find("*/", i)
                if end < 0:
                    break
                state, i = "", end + 2
                continue
            if backslash_escapes and text[i] == "\\" and i + 1 < len(text):
                buf.append(" " if text[i + 1] in "nrt" else text[i + 1])
                i += 2
                continue
            if text.startswith(state, i):
                current.append((no, "".join(buf)))
                out.append(_Literal([(n, t) for n, t in current if t.strip()] or current, "".join(code)))
                code, buf, current = [], [], []
                i += len(state)
                state = ""
                continue
            buf.append(text[i])
            i += 1
        if state in ('"""', "`"):
            current.append((no, "".join(buf)))
            buf = []
        elif state in ('"', "'"):
            state, buf = "", []  # an unterminated one-line string: not SQL we can read
        code.append("\n")
    return out


_JOINED_VALUE = lazy_re(r"\s*\+\s*[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*(?:\(\s*\))?\s*\+\s*")
"""A name (a variable, a constant, a getter) joined between two Java literals:
`"ALTER TABLE " + table + " …"`."""


def _with_value(joined: list[tuple[int, str]], following: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`joined`, a placeholder name `x` for the value joined after it, then the `following` literal's lines:
    the statement reads as the SQL it runs (`ALTER TABLE x ALTER COLUMN x TYPE bigint`)."""
    (last_no, last_text), (next_no, next_text) = joined[-1], following[0]
    if last_no == next_no:
        return [*joined[:-1], (last_no, f"{last_text}x{next_text}"), *following[1:]]
    return [*joined[:-1], (last_no, f"{last_text}x"), *following]


def sql_pieces(ctx: FileContext) -> list[SqlPiece]:
    """The string pieces of `ctx` (literals joined by `+`), with the call each is passed to."""
    pieces: list[SqlPiece] = []
    for first, texts in ctx.segments():
        joined: list[tuple[int, str]] = []
        call = ""
        for literal in _literals(first, texts, ctx.language):
            if joined and re.fullmatch(r"\s*\+\s*", literal.before):
                joined.extend(literal.lines)
                continue
            between = _JOINED_VALUE.fullmatch(literal.before) if joined and ctx.language == "java" else None
            if between is not None:
                joined = _with_value(joined, literal.lines)
                continue
            if joined:
                pieces.append(SqlPiece(call, joined))
            callee = _CALLEE.search(literal.before)
            field = None if callee else _FIELD.search(literal.before)
            call = re.sub(r"\s+", "", callee.group(1)) if callee else f"{field.group(1)}:" if field else ""
            joined = list(literal.lines)
        if joined:
            pieces.append(SqlPiece(call, joined))
    return [piece._replace(lines=[(no, _TEMPLATE_FIELD.sub("x", t)) for no, t in piece.lines])
            for piece in pieces]
