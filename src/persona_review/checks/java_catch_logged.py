"""Java: an exception only logged, after which the code dereferences what the `try` was to assign.

    Connection conn = null;
    try {
        conn = dataSource.getConnection();
    } catch (SQLException e) {
        log.error("no connection", e);
    }
    conn.prepareStatement(sql);   // NullPointerException on the first failure

Reported: a local declared `= null` before a `try`, assigned in the `try` block, a `catch` of that `try`
whose block only logs (a logger call, `printStackTrace`, `System.out`/`err`), and, after the `try`
statement, a line of the same block that dereferences the local (`conn.`, `conn[`) before giving it a new
value or comparing it with null. Java rejects a use of a local the `try` may not have assigned, so only
the `= null` start can reach that line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import Catch, catches
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_LOG_STATEMENT = re.compile(
    r"^\s*(?:(?:[\w.]*\.)?(?:log|logger|LOG|LOGGER|_log|_logger|\w*[lL]og(?:ger)?)\."
    r"(?:error|warn|warning|info|debug|trace|severe|fine|finer|finest|log|fatal)\s*\(|"
    r"\w+\.printStackTrace\s*\(|System\.(?:out|err)\.print(?:ln|f)?\s*\()"
)
_TRY = re.compile(r"^\s*(?:\}\s*)?try\s*(?:\(|\{)")
_ASSIGNED = re.compile(r"^\s*([A-Za-z_$][\w$]*)\s*=(?!=)")
_NULL_START = r"^\s*(?:final\s+)?[\w$.<>\[\],\s?]+?\s+{name}\s*=\s*null\s*;"
_NEXT_CLAUSE = re.compile(r"^\s*\}?\s*(?:catch|finally)\b")
_LOOK_BACK = 40
_LOOK_AHEAD = 40


@register(
    CheckSpec(
        id="JAVA-CATCH-LOGGED-CONTINUES",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Exception only logged; a value the `try` did not assign is dereferenced after it",
        explanation=(
            "When the `try` fails before its assignment, the local keeps `null`; the `catch` only logs and "
            "lets the method go on, so the next dereference throws a NullPointerException far from the real "
            "failure. Rethrow (wrapped with context) or return in the `catch`, give the local a real "
            "fallback there, or move the code that needs it into the `try`."
        ),
    ),
    needs=("catch",),
)
def catch_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    clauses = list(catches(lexed))
    for clause in clauses:
        if not clause.complete or not _only_logs(clause.body):
            continue
        try_line = _own_try(lexed, clause)
        if try_line is None:
            continue
        indent = indent_of(lexed.bare[try_line])
        assigned = _assigned_in(lexed, try_line, clause.line, indent)
        starts_null = {name for name in assigned if _starts_null(lexed, try_line, name, indent)}
        if not starts_null:
            continue
        end = _statement_end(lexed, clause, clauses)
        used = _first_dereference(lexed, end, starts_null, indent)
        if used is None:
            continue
        name, line = used
        caught = clause.types or "the exception"
        yield Hit(clause.line, message=(
            f"`catch ({caught} ...)` only logs and falls through, and line {line} dereferences `{name}`, "
            "which is still null when the `try` failed before assigning it."))


def _only_logs(body: str) -> bool:
    statements = [s for s in body.split(";") if s.strip()]
    return bool(statements) and all(_LOG_STATEMENT.match(s.strip() + ";") for s in statements)


def _own_try(lexed: Lexed, clause: Catch) -> int | None:
    """The `try` line this `catch` belongs to: the nearest one above at the catch's own indentation."""
    indent = indent_of(lexed.bare[clause.line])
    for no in range(clause.line, max(0, clause.line - _LOOK_BACK), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if not text.strip():
            continue
        if indent_of(text) < indent:
            return None
        if indent_of(text) == indent and _TRY.match(text):
            return no
    return None


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


def _starts_null(lexed: Lexed, try_line: int, name: str, indent: int) -> bool:
    """Whether a line above the `try`, at its indentation, declares `name` as `= null`."""
    declared = re.compile(_NULL_START.format(name=re.escape(name)))
    for no in range(try_line - 1, max(0, try_line - _LOOK_BACK), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if not text.strip():
            continue
        if indent_of(text) < indent:
            return False
        if indent_of(text) == indent and re.search(rf"(?<![\w$.]){re.escape(name)}\b", text):
            return declared.match(text) is not None
    return False


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
                if re.match(r"\s*[!=]=\s*null\b", rest) or re.search(r"\bnull\s*[!=]=\s*$", before) \
                        or re.search(r"(?:isNull|nonNull|ofNullable|requireNonNull\w*)\s*\(\s*$", before):
                    live.discard(name)
                    break
                if rest.startswith((".", "[")):
                    return name, no
        if not live:
            return None
    return None
