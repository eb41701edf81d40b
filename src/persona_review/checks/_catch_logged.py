"""Java and JavaScript/TypeScript: an exception only logged, after which the code dereferences what the
`try` was to assign.

    Connection conn = null;                 let user;
    try {                                   try {
        conn = dataSource.getConnection();      user = await users.find(id);
    } catch (SQLException e) {              } catch (err) {
        log.error("no connection", e);          console.error(err);
    }                                       }
    conn.prepareStatement(sql);             res.json(user.profile);   // TypeError

Reported: a local that starts empty before a `try` (Java: `= null`, since Java rejects a use of a local
the `try` may not have assigned; JavaScript: `let x;`, `= null` or `= undefined`), assigned in the `try`
block, a `catch` of that `try` whose block only logs, and, after the whole `try` statement, a line of the
same block that dereferences the local (`x.`, `x[`, TypeScript's `x!.`; not `x?.`) before giving it a new
value or testing it.
`LANGUAGES` holds what differs between the two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._catch import Catch, catches
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, siblings_above
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_LOGGER = r"(?:[\w$.]*\.)?(?:log|logger|LOG|LOGGER|_log|_logger|\w*[lL]og(?:ger)?)\."
_LEVELS = r"(?:error|warn|warning|info|debug|trace|severe|fine|finer|finest|log|fatal)\s*\("


@dataclass(frozen=True, slots=True)
class Language:
    logs: re.Pattern[str]
    """A statement that only logs."""
    empty_start: str
    """A declaration of `{name}` that leaves it empty (a regex; `{name}` is filled in)."""


LANGUAGES = {
    "java": Language(
        lazy_re(rf"^\s*(?:{_LOGGER}{_LEVELS}|\w+\.printStackTrace\s*\(|System\.(?:out|err)\.print(?:ln|f)?\s*\()"),
        r"^\s*(?:final\s+)?[\w$.<>\[\],\s?]+?\s+{name}\s*=\s*null\s*;",
    ),
    "javascript": Language(
        lazy_re(rf"^\s*(?:{_LOGGER}{_LEVELS}|console\.(?:log|error|warn|info|debug|trace)\s*\()"),
        r"^\s*(?:let|var)\s+(?:[\w$]+(?:\s*:\s*[^=;,]+)?\s*,\s*)*{name}(?:\s*:\s*[^=;,]+)?"
        r"\s*(?:=\s*(?:null|undefined)\s*)?(?:[,;]|$)",
    ),
}
LANGUAGES["typescript"] = LANGUAGES["javascript"]
_TRY = lazy_re(r"^\s*(?:\}\s*)?try\s*(?:\(|\{)")
_ASSIGNED = lazy_re(r"^\s*([A-Za-z_$][\w$]*)\s*=(?!=)")
_NEXT_CLAUSE = lazy_re(r"^\s*\}?\s*(?:catch|finally)\b")
_LOGGING_CATCH_TEXT = lazy_re(
    r"\bcatch\s*(?:\([^)]*\))?\s*\{\s*(?://[^\n]*\n\s*)*"
    r"(?:console\.|[\w$.]*(?:log|LOG|Log)\w*\.|\w+\.printStackTrace|System\.)"
)
"""A `catch` block that begins with a logging call: the text a block that only logs starts with."""
_GUARD_LINE = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?(?:if|while)\s*\(")
_LOOK_BACK = 40
_LOOK_AHEAD = 40


def logged_and_dereferenced(ctx: FileContext) -> Iterator[Hit]:
    """The hits of this file (its language must be in LANGUAGES)."""
    language = LANGUAGES[ctx.language]
    if not _LOGGING_CATCH_TEXT.search(ctx.known_text()):
        return  # no `catch` whose block starts with a logging call
    lexed = lex(ctx)
    clauses = list(catches(lexed))
    for clause in clauses:
        if not clause.complete or not _only_logs(clause.body, language):
            continue
        try_line = _own_try(lexed, clause)
        if try_line is None:
            continue
        indent = indent_of(lexed.bare[try_line])
        assigned = _assigned_in(lexed, try_line, clause.line, indent)
        starts_empty = {name for name in assigned if _starts_empty(lexed, try_line, name, indent, language)}
        if not starts_empty:
            continue
        end = _statement_end(lexed, clause, clauses)
        used = _first_dereference(lexed, end, starts_empty, indent)
        if used is None:
            continue
        name, line = used
        declared = " ".join(part for part in (clause.types, clause.name or "") if part)
        caught = f"catch ({declared})" if declared else "catch"
        empty = "null" if ctx.language == "java" else "empty"
        # The finding covers the whole clause: the `catch` line and the logging that is all it does.
        yield Hit(clause.line, clause.last if clause.last > clause.line else None, message=(
            f"`{caught}` only logs and falls through, and line {line} dereferences `{name}`, which is still "
            f"{empty} when the `try` failed before assigning it."))


def _only_logs(body: str, language: Language) -> bool:
    """Whether every statement of the block is a logging call (statements end at `;` or, outside brackets,
    at a line end: JavaScript without semicolons)."""
    statements = _statements(_STRINGS.sub('""', body))
    return bool(statements) and all(language.logs.match(s) and _closed_call(s) for s in statements)


_STRINGS = lazy_re(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`[^`]*`")


def _statements(body: str) -> list[str]:
    out: list[str] = []
    depth = 0
    current: list[str] = []
    for char in body:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if depth <= 0 and char in ";\n":
            out.append("".join(current))
            current = []
            continue
        current.append(char)
    out.append("".join(current))
    return [piece.strip() for piece in out if piece.strip()]


def _closed_call(statement: str) -> bool:
    """The statement is the call alone: it ends with the `)` that closes the call's `(`."""
    return statement.endswith(")") and statement.count("(") == statement.count(")")


def _own_try(lexed: Lexed, clause: Catch) -> int | None:
    """The `try` line this `catch` belongs to: the nearest one above at the catch's own indentation."""
    indent = indent_of(lexed.bare[clause.line])
    return next((no for no, text in siblings_above(lexed, clause.line, indent, _LOOK_BACK)
                 if _TRY.match(text)), None)


def _assigned_in(lexed: Lexed, try_line: int, catch_line: int, indent: int) -> set[str]:
    """Locals the `try` block's own statements (one level in) assign, not declare."""
    names: set[str] = set()
    inner: int | None = None
    for no in range(try_line + 1, catch_line):
        text = lexed.bare.get(no, "")
        if not text.strip():
            continue
        depth = indent_of(text)
        if depth <= indent:
            continue
        inner = depth if inner is None else min(inner, depth)
    for no in range(try_line + 1, catch_line):
        text = lexed.bare.get(no, "")
        if inner is not None and indent_of(text) == inner:
            found = _ASSIGNED.match(text)
            if found:
                names.add(found.group(1))
    return names


def _starts_empty(lexed: Lexed, try_line: int, name: str, indent: int, language: Language) -> bool:
    """Whether the nearest line above the `try`, at its indentation, that names `name` declares it empty."""
    declared = re.compile(language.empty_start.format(name=re.escape(name)))
    named = re.compile(rf"(?<![\w$.]){re.escape(name)}\b")
    first = next((text for _no, text in siblings_above(lexed, try_line - 1, indent, _LOOK_BACK)
                  if named.search(text)), None)
    return first is not None and declared.match(first) is not None


def _statement_end(lexed: Lexed, clause: Catch, clauses: list[Catch]) -> int:
    """The last line of the whole `try` statement: after this clause's block, any further `catch` and
    `finally` blocks."""
    end = clause.last
    for other in clauses:
        if other.line == end and other.last > end:
            end = other.last
    text = lexed.bare.get(end, "")
    if "finally" in text[text.rfind("}") :]:
        for no in range(end + 1, end + _LOOK_AHEAD):
            line = lexed.bare.get(no)
            if line is None:
                break
            if line.strip().startswith("}") and indent_of(line) <= indent_of(lexed.bare[clause.line]):
                return no
    return end


def _first_dereference(lexed: Lexed, end: int, names: set[str], indent: int) -> tuple[str, int] | None:
    live = set(names)
    for no in range(end + 1, end + _LOOK_AHEAD):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if not text.strip():
            continue
        if indent_of(text) < indent:
            return None
        if _NEXT_CLAUSE.match(text) and no == end + 1:
            return None  # cut off in the middle of the statement: not sure where it ends
        for name in sorted(live):
            for found in re.finditer(rf"(?<![\w$.]){re.escape(name)}\b", text):
                rest = text[found.end() :]
                before = text[: found.start()]
                if re.match(r"\s*=(?!=)", rest):
                    live.discard(name)
                    break
                if re.match(r"\s*[!=]==?\s*(?:null|undefined)\b", rest) \
                        or re.search(r"\b(?:null|undefined)\s*[!=]==?\s*$", before) \
                        or re.search(r"(?:isNull|nonNull|ofNullable|requireNonNull\w*)\s*\(\s*$", before):
                    live.discard(name)
                    break
                if rest.startswith((".", "[", "!.", "![")):  # `x!.y`: TypeScript's non-null assertion
                    return name, no  # even in a condition: `if (balance.points < n)` reads it first
                if _GUARD_LINE.match(text) or re.match(r"\s*(?:&&|\|\||\?(?![.?]))", rest):
                    live.discard(name)  # tested first (`if (!user)`, `user && user.name`)
                    break
        if not live:
            return None
    return None
