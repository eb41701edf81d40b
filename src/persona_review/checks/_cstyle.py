"""Dynamic-string and query-call helpers for C-like languages (Go, Java, JavaScript/TypeScript).

Shared by the SQL-injection checks of those languages: is a string built at run time, does it read as SQL,
and which variables hold such a string (within the lines the check can see)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._js_sql_fixed import placeholder_lists_dropped
from persona_review.checks._lexing import Lexed
from persona_review.checks._prefilter import has_any
from persona_review.checks._spans import (
    Span,
    bracket_span_in_text,
    lines_of,
    split_args,
    split_top,
    statement_span,
    string_contents,
)
from persona_review.checks._sql import looks_like_sql
from persona_review.lazy_re import lazy_re

_CONCAT = lazy_re(r"""["'`]\s*\+\s*(?!["'`\s])[\w(]|[\w)\]]\s*\+\s*["'`]""")
_FORMAT = lazy_re(
    r"\b(?:fmt\.Sprintf|String\.format|util\.format|MessageFormat\.format)\s*\(|\.formatted\s*\("
)
_TEMPLATE_FIELD = lazy_re(r"\$\{")
_ASSIGN = lazy_re(
    r"^\s*(?:(?:var|let|const|final)\s+)?(?:[\w<>\[\].]+\s+)?([A-Za-z_$][\w$]*)\s*(\+=|:=|=(?!=))\s*"
)


def assigned_name(bare: str) -> str | None:
    """The variable a statement assigns with `=`/`:=` (not `+=`), if it is an assignment."""
    match = _ASSIGN.match(bare)
    return match.group(1) if match is not None and match.group(2) != "+=" else None


def is_dynamic(span: Span, language: str, constants: frozenset[str] = frozenset()) -> bool:
    """Is a string in `span` assembled at run time (concatenation with a non-literal, a format call with
    arguments, or a template literal with a `${}` field)? Names in `constants` hold literal strings."""
    bare = span.bare
    # Each pattern is tried only where a word every match of it holds occurs (a substring test is cheap).
    if has_any(bare, _QUOTED_WORDS) and _QUOTED.search(bare):
        return False  # values pass through an identifier/literal quoting function
    if "+" in bare and _CONCAT.search(bare) and _concat_has_variable(bare, constants):
        return True
    for match in _FORMAT.finditer(bare) if "format" in bare or "Sprintf" in bare else ():
        args = split_args(bracket_span_in_text(span, match.end() - 1))
        values = [a.strip() for a in args[1:]]
        numeric = numeric_verbs(args[0], len(values))
        inert = all(v in constants or _inert_value(v) or _joined_constant(v, constants) or number
                    for v, number in zip(values, numeric, strict=True))
        if values and not _numeric_only(args[0]) and not inert:
            return True
    if language in {"javascript", "typescript"}:
        for match in _LITERAL_CONCAT_CALL.finditer(bare) if ".concat" in bare else ():
            if match.group(1) not in constants:
                return True
        if "`" in span.bare:
            if _TEMPLATE_FIELD.search(_backtick_contents(span)) is None or _all_tagged(span.code):
                return False
            fixed = placeholder_lists_dropped(span.code)  # `IN (${ids.map(() => '?').join()})` binds ids
            return fixed == span.code or "${" in fixed
    return False


_LITERAL_CONCAT_CALL = lazy_re(r"""["'`]\s*(?:\)\s*)?\.concat\s*\(\s*(?!["'`\s)])([\w$.]*)""")
# `\s*(?:\)\s*)?` matches what `\s*\)?\s*` does without its quadratic backtracking over a run of blanks (a
# long string literal in the bare view).


_QUOTED = lazy_re(
    r"\b\w*(?:Quote(?:Identifier|Literal|Ident)|\bquote(?:Identifier|Literal|Ident)|quote_ident|EscapeString)\w*\s*\(|"
    r"\bIdentifier\s*\{[^{}\n]*\}\s*\.\s*Sanitize\s*\(\s*\)"
)
"""An identifier or literal quoting function (`pq.QuoteIdentifier`, pgx's
`pgx.Identifier{name}.Sanitize()`)."""
_QUOTED_WORDS = ("Quote", "quoteIdent", "quoteLiteral", "quote_ident", "EscapeString", "Sanitize")
_LEFT_TOKEN = lazy_re(r"([\w.$]+|[\"'`])\s*$")
_RIGHT_TOKEN = lazy_re(r"^\s*(\(?[\w.$]+|[\"'`])")


def _concat_has_variable(bare: str, constants: frozenset[str]) -> bool:
    for index, ch in enumerate(bare):
        if ch != "+" or bare[index + 1 : index + 2] in {"+", "="} or bare[index - 1 : index] == "+":
            continue
        left = _LEFT_TOKEN.search(bare[:index])
        right = _RIGHT_TOKEN.match(bare[index + 1 :])
        tokens = [t.group(1).lstrip("(") for t in (left, right) if t is not None]
        if not any(t in "\"'`" for t in tokens):
            continue  # not next to a string literal: arithmetic or a join of variables
        if right is not None and _joined_call_after(bare, index + 1 + right.end(), right.group(1), constants):
            tokens = [t for t in tokens if t != right.group(1).lstrip("(")]
        if any(t not in "\"'`" and t not in constants and not t.isdigit() for t in tokens):
            return True
    return False


def string_constants(lexed: Lexed) -> frozenset[str]:
    """Names that are only ever assigned a plain string literal in the known lines (and are not "
    "parameters). Read once per file: several checks of a file ask."""
    found = lexed.memo.get("cstyle.string_constants")
    if found is None:
        found = lexed.memo["cstyle.string_constants"] = _string_constants(lexed)
    return found  # type: ignore[return-value]


def _string_constants(lexed: Lexed) -> frozenset[str]:
    literal: set[str] = set()
    other: set[str] = set()
    for _no, code, bare in lines_of(lexed):
        if "=" in bare:  # both assignment patterns need one
            match = _CONST_ASSIGN.match(bare)
            if match is not None and "${" not in code[match.start(2) : match.end(2)]:
                literal.add(match.group(1))
                continue
            assign = _ASSIGN.match(bare)
            if assign is not None:
                other.add(assign.group(1))
        if "(" in bare or "," in bare:  # a parameter follows one
            other.update(m.group(1) for m in _PARAM.finditer(bare))
    return frozenset(literal - other)


_PARAM = lazy_re(r"[(,]\s*(?:final\s+)?[\w<>\[\].]+\s+([A-Za-z_$][\w$]*)\s*(?=[,)])")
_CONST_ASSIGN = lazy_re(
    r"^\s*(?:(?:const|var|let|final|static|private|public|protected)\s+)*(?:[\w<>\[\].]+\s+)?"
    r"([A-Za-z_$][\w$]*)\s*(?:string\s*)?(?::=|=)\s*((?:\"[ ]*\"|'[ ]*'|`[ ]*`))\s*;?\s*$"
)


_PLACEHOLDER_HELPER = lazy_re(r"^[\w$.]*[pP]laceholders?[\w$]*\s*\(")


def marks_only(value: str) -> bool:
    """Is `value` a call of a helper named for bind placeholders (`orm.ParamPlaceholderForIn(len(ids))`,
    `sqlPlaceholders(n)`): the `?, ?, ?` list whose values go in the arguments?"""
    return "laceholder" in value and _PLACEHOLDER_HELPER.match(value) is not None


_INERT_VALUE = lazy_re(r"""^(?:"[^"\\]*"|'[^'\\]*'|`[^`$]*`|\d+|(?:[\w$]+\.)*TableName\(\s*\))$""")
"""A format argument no caller writes: a literal, or the `TableName()` a model declares (gorm, beego)."""


_JOINED = lazy_re(r"""^strings\.Join\(\s*([A-Za-z_]\w*)\s*,\s*"[^"\\]*"\s*\)$""")


def _joined_call_after(bare: str, end: int, callee: str, constants: frozenset[str]) -> bool:
    """Is the token ending at `end` the callee of `strings.Join(pieces, sep)` over a slice of literal
    pieces (`"(" + strings.Join(columns, ", ") + ")"`), or of a helper named for bind placeholders
    (`"id = " + placeholder(1)`)?"""
    if not bare.startswith("(", end):
        return False
    if marks_only(callee + "("):
        return True
    if callee != "strings.Join":
        return False
    depth = 0
    for at in range(end, len(bare)):
        if bare[at] == "(":
            depth += 1
        elif bare[at] == ")":
            depth -= 1
            if depth == 0:
                return _joined_constant(callee + bare[end : at + 1], constants)
    return False


def _joined_constant(value: str, constants: frozenset[str]) -> bool:
    """`strings.Join(marks, ",")` of a slice the caller knows to hold only literal text (bind marks)."""
    joined = _JOINED.match(value) if value.startswith("strings.Join") else None
    return joined is not None and joined.group(1) in constants


def _inert_value(value: str) -> bool:
    return marks_only(value) or _INERT_VALUE.match(value) is not None


_VERB = lazy_re(r"%[-+# 0-9.*\[\]]*([a-zA-Z%])|\{\d*\}")


def _numeric_only(format_arg: str) -> bool:
    """Does a literal format string only interpolate numbers (%d, %f, %x...), which cannot inject SQL?"""
    text = format_arg.strip()
    if not text.startswith(('"', "`", "'")):
        return False
    verbs = [m.group(1) for m in _VERB.finditer(text)]
    return bool(verbs) and all(v in "dfFeEgGxXobtc%" for v in verbs if v)


def numeric_verbs(format_arg: str, count: int) -> list[bool]:
    """For each of the `count` values of a literal format string, whether its verb is a number's (`%d`,
    `%x`): `fmt.Sprintf("%s LIMIT %d", query, limit)` pastes only digits for `limit`. All false when the
    verbs cannot be paired with the values (a `%[1]s` index, a `*` width, a count that differs)."""
    text = format_arg.strip()
    if not text.startswith(('"', "`", "'")) or "[" in text or "*" in text:
        return [False] * count
    verbs = [v for v in (m.group(1) for m in _VERB.finditer(text)) if v and v != "%"]
    if len(verbs) != count:
        return [False] * count
    return [v in "dxXob" for v in verbs]


def _backtick_contents(span: Span) -> str:
    """The code between each backtick of the bare view and the next (or the end), backticks left out."""
    code, bare = span.code, span.bare
    if len(code) == len(bare):
        # Sliced between the backticks' positions (a loop over every character costs far more).
        ticks = _ticks(bare)
        ticks.append(len(bare))
        return "".join(code[ticks[i] + 1 : ticks[i + 1]] for i in range(0, len(ticks) - 1, 2))
    out = []
    inside = False
    for c, b in zip(code, bare, strict=True):
        if b == "`":
            inside = not inside
            continue
        if inside:
            out.append(c)
    return "".join(out)


def _all_tagged(code: str) -> bool:
    """Is every outermost template literal of `code` tagged (sql`...`, prisma.$queryRaw`...`, also with type
    arguments: `$queryRaw<Row[]>`...``)? A tag receives the fields apart from the text: the driver binds
    them as parameters, a template nested in a field (`${`%${q}%`}`) included."""
    openings = _outer_template_openings(code)
    return bool(openings) and all(_tag_before(code, at) for at in openings)


def _outer_template_openings(code: str) -> list[int]:
    """The positions of the backticks that open a template literal outside any other one's `${...}`."""
    openings: list[int] = []
    stack: list[int] = []
    """-1 for a template's text, else the open braces of a `${...}` field (or plain code)."""
    at, end = 0, len(code)
    while at < end:
        ch = code[at]
        if stack and stack[-1] == -1:  # inside a template's text
            if ch == "\\":
                at += 1
            elif ch == "`":
                stack.pop()
            elif ch == "$" and code.startswith("{", at + 1):
                stack.append(0)
                at += 1
        elif ch == "`":
            if not stack:
                openings.append(at)
            stack.append(-1)
        elif stack and ch == "{":
            stack[-1] += 1
        elif stack and ch == "}":
            if stack[-1] == 0:
                stack.pop()
            else:
                stack[-1] -= 1
        at += 1
    return openings


_TYPE_ARGUMENT = r"(?:[^<>`;(){}]|\{[^{}<>`()]*\})"
"""A character of type arguments, or an object type literal whole (`{ id: string; total: number }`: its `;`
is no statement's end)."""
_TYPE_ARGUMENTS_END = lazy_re(
    rf"[\w$]\s*<{_TYPE_ARGUMENT}*(?:<{_TYPE_ARGUMENT}*>{_TYPE_ARGUMENT}*)*>\s*$"
)


def _tag_before(code: str, at: int) -> bool:
    before = code[:at]  # a tag is written against its template (`return `...`` is no tag)
    if not before:
        return False
    last = before[-1]
    if last != ">":
        return last.isalnum() or last in "_$"
    # `$queryRaw<Row[]>`...``; a statement read from a line that starts with the `>` closing type
    # arguments opened on the lines above (a comparison cannot start a statement).
    return before.strip() == ">" or _TYPE_ARGUMENTS_END.search(before[-300:]) is not None


def _ticks(text: str) -> list[int]:
    found: list[int] = []
    at = text.find("`")
    while at >= 0:
        found.append(at)
        at = text.find("`", at + 1)
    return found


@dataclass(frozen=True, slots=True)
class SqlBuild:
    line: int
    last: int
    variable: str | None
    loose: bool = False
    """The text reads as SQL only with lowercase keywords (`create table `, `select ... FROM`): not reported
    by itself, but the variable it assigns counts as built SQL when it reaches a query call."""


def sql_builds(lexed: Lexed, language: str, constants: frozenset[str] = frozenset()) -> Iterator[SqlBuild]:
    """Statements that assemble SQL text at run time, with the variable they assign, if any.

    `q += x` (and `q = q + x`, `q = q.concat(x)`) counts when `q` was given SQL text earlier in the same run
    of known lines."""
    sql_vars: set[str] = set()
    strict_vars: set[str] = set()
    """The SQL variables whose text reads as SQL with uppercase keywords: building on them builds SQL."""
    reported: dict[str, int] = {}
    """Variables assigned by a reported build -> its line."""
    pending: tuple[str, int] | None = None
    """The variable a statement begun on an earlier line assigns, and that statement's last line: its
    continuation lines (`String where = q == null\n ? ""\n : " AND name LIKE '" + q + "'";`) assign it."""
    built_to = 0
    tagged_to = 0
    """The last line of a tagged template read from its first line: its inner lines are its fields."""
    hand_quoted: dict[str, int] = {}
    """Variables a value was appended to between quote literals (`in.append('\\'').append(v)`) -> the line."""
    package_level: tuple[frozenset[str], frozenset[str]] | None = None
    """Go: the SQL variables (and strict ones) known when the first top-level function starts."""
    for no, code, bare in lines_of(lexed):
        if language == "go" and bare.startswith("func "):
            # a top-level Go function: its variables are not the ones another function named alike (the
            # package-level ones, given SQL above the first function, stay)
            if package_level is None:
                package_level = (frozenset(sql_vars), frozenset(strict_vars))
            sql_vars, strict_vars = set(package_level[0]), set(package_level[1])
            reported.clear()
            hand_quoted.clear()
        if pending is not None and no > pending[1]:
            pending = None
        if no <= tagged_to:
            continue
        if "'" in code and (".append" in code or "+=" in code):
            wrapped = _QUOTED_APPEND.match(code)
            if wrapped is not None:
                hand_quoted.setdefault(wrapped.group(1), no)
        quoted = '"' in bare or "'" in bare or "`" in bare
        if not quoted and "+" not in bare and ".concat" not in bare:
            if pending is None and not bare.rstrip().endswith((";", "{", "}")):
                pending = _pending_assignment(lexed, no, bare)
            continue
        span = _head_of(statement_span(lexed, no))
        if "`" in span.bare and span.last > no and _all_tagged(span.code):
            tagged_to = span.last
        assign = _ASSIGN.match(bare)
        name = assign.group(1) if assign is not None else None
        if assign is None and no <= built_to:
            continue  # the rest of a statement already reported from its first line
        if assign is None and pending is not None:
            name = pending[0]
        go_var = _GO_TYPED_VAR.match(bare) if language == "go" else None
        if go_var is not None:
            name = go_var.group(1)  # `var q string = ...` declares q, not `string`
        if assign is not None and assign.group(2) != "+=" and _holds_a_result(bare[assign.end() :]):
            name = None  # `err = db.Exec("..." + x)`: the variable holds what the call returns, not SQL
        if assign is not None and name is not None and name in sql_vars:
            added = _appended(name, assign.group(2), bare[assign.end() :])
            if added is not None:
                digits = _DIGITS_FORMATTED.match(code[assign.end() :].strip()) is not None
                if not digits and not _literal_only(added, code) and not _inert(added, constants):
                    yield SqlBuild(no, span.last, name)
                continue  # appends to the SQL text: still the same SQL variable
        contents = string_contents(span)
        # `q = fmt.Sprintf("%s LIMIT %d", q, n)`: the SQL `q` already held was judged where it was built.
        known = constants | {name} if (assign is not None and name is not None and assign.group(2) == "="
                                       and name in sql_vars) else constants
        dynamic = is_dynamic(span, language, known) and not _values_beside_whole_sql(span) and not (
            language == "go" and _paired_apart(span, known))
        # a condition appended to a query (`" AND x LIKE '%" + q`, `b.WriteString(" AND k = '" + k + "'")`)
        conditions = language == "java"
        quoted = language == "go"
        if dynamic and (looks_like_sql(contents, conditions=conditions, quoted_conditions=quoted)
                        or _mentions(span.bare, strict_vars)):
            if name is not None:
                sql_vars.add(name)
                strict_vars.add(name)
            splices = _quoted_splices(lexed, span, language, constants, hand_quoted)
            if splices:
                for variable, line in splices.items():
                    yield SqlBuild(line, statement_span(lexed, line).last, variable)
                    reported[variable] = line
                built_to = span.last
            elif not _joins_reported(lexed, span, language, constants, reported):
                yield SqlBuild(no, span.last, name)
                if name is not None:
                    reported[name] = no
                built_to = span.last
        elif name is not None and assign is not None and assign.group(2) != "+=":
            strict_vars.discard(name)
            if looks_like_sql(contents, strict=False, conditions=conditions, quoted_conditions=quoted):
                sql_vars.add(name)
                if looks_like_sql(contents, conditions=conditions, quoted_conditions=quoted):
                    strict_vars.add(name)
                if dynamic:
                    yield SqlBuild(no, span.last, name, loose=True)
            else:
                sql_vars.discard(name)


_PAIRED_ASSIGN = lazy_re(r"^\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*:?=(?!=)")


def _paired_apart(span: Span, constants: frozenset[str]) -> bool:
    """Is the statement a Go assignment of several values (`where, args = append(where, "name LIKE ?"),
    append(args, "%"+q+"%")`) where no value is both SQL text and built at run time: the SQL and the
    values bound to its markers go to different variables, so no input is spliced into the SQL?"""
    head = _PAIRED_ASSIGN.match(span.bare)
    if head is None or len(span.code) != len(span.bare):
        return False
    rhs_bare, rhs_code = span.bare[head.end():], span.code[head.end():]
    parts = zip(split_top(rhs_bare), split_top(rhs_bare, rhs_code), strict=False)
    values = [Span(span.first, span.last, code, bare) for bare, code in parts]
    if len(values) < 2:
        return False
    return not any(
        is_dynamic(v, "go", constants) and looks_like_sql(string_contents(v), quoted_conditions=True)
        for v in values
    )


def _pending_assignment(lexed: Lexed, no: int, bare: str) -> tuple[str, int] | None:
    """The variable line `no` assigns and its statement's last line, when the statement goes on below."""
    assign = _ASSIGN.match(bare) if "=" in bare else None
    if assign is None or assign.group(2) == "+=":
        return None
    last = statement_span(lexed, no).last
    return (assign.group(1), last) if last > no else None


def _joins_reported(
    lexed: Lexed, span: Span, language: str, constants: frozenset[str], reported: dict[str, int]
) -> bool:
    """Does the statement only join SQL text to fragments built (and reported) earlier in its block (`where =
    " AND name LIKE '" + q + "'"` and then `"SELECT ..." + where`)? The input entered the SQL where the
    fragment was built; reporting the join again names the same problem twice."""
    names = {n: line for n, line in reported.items() if n in span.bare and _mentions(span.bare, {n})}
    if not names or is_dynamic(span, language, constants | frozenset(names)):
        return False
    return all(_same_block(lexed, line, span.first) for line in names.values())


_QUOTED_APPEND = lazy_re(
    r"""^\s*([A-Za-z_$][\w$]*)\s*(?:\.\s*append\s*\(|\+=)[^\n]*?(?:'\\''|"[^"\n]*'")\s*"""
    r"""(?:\)\s*\.\s*append\s*\(|\+)\s*[A-Za-z_$][^"'\n]*?(?:\)\s*\.\s*append\s*\(|\+)\s*(?:'\\''|"'[^"\n]*")"""
)
"""A value appended to a text variable between single-quote literals: an SQL string literal quoted by hand
(`in.append('\\'').append(v).append('\\'')`, `in += "'" + v + "'"`)."""


def _quoted_splices(
    lexed: Lexed, span: Span, language: str, constants: frozenset[str], quoted: dict[str, int]
) -> dict[str, int]:
    """The variables (-> line) an SQL build joins whose values were quoted in by hand earlier in its block,
    when they are all it splices: the input entered the SQL where it was appended between quotes (an `IN
    ('a','b')` list built in a loop), so that append is the finding, not the join."""
    names = {n: line for n, line in quoted.items() if n in span.bare and _mentions(span.bare, {n})}
    if not names or is_dynamic(span, language, constants | frozenset(names)):
        return {}
    return names if all(_within_block_of(lexed, line, span.first) for line in names.values()) else {}


def _within_block_of(lexed: Lexed, first: int, last: int) -> bool:
    """Is line `first` inside the block that holds line `last`, maybe in a block nested in it (a loop that
    builds a list, then the statement after the loop): no brace between them closes `last`'s block."""
    depth = lowest = 0
    for no in range(first, last):
        bare = lexed.bare.get(no, "")
        depth += bare.count("{") - bare.count("}")
        lowest = min(lowest, depth)
    return lowest >= depth


def _same_block(lexed: Lexed, first: int, last: int) -> bool:
    """Is line `last` inside the block that holds line `first` (the braces between them never close it)?"""
    depth = 0
    for no in range(first, last):
        bare = lexed.bare.get(no, "")
        depth += bare.count("{") - bare.count("}")
        if depth < 0:
            return False
    return True


_METHOD_RESULT = lazy_re(r"^\s*(?:await\s+)?(?:[\w$]+(?:\(\))?\.)+(\w+)\s*\(")
_TEXT_METHODS = frozenset(
    {
        *("Sprintf", "format", "formatted", "concat", "join", "Join", "replace", "replaceAll", "Replace"),
        *("ReplaceAll", "trim", "Trim", "TrimSpace", "strip", "toString", "String", "append", "Append"),
        *("toLowerCase", "toUpperCase", "ToLower", "ToUpper"),
    }
)
"""Methods whose result is still the text they were given (so a variable assigned from them holds SQL)."""


_CALL_OPEN = lazy_re(r"([\w$]+)\s*\(")
_TEXT_BUILDERS = frozenset({"Sprintf", "Sprint", "Sprintln", "Errorf", "format", "formatted", "printf",
                            "sprintf",
                            "concat", "join", "Join", "append", "Append", "String", "StringBuilder",
                            "literal", "text"})
"""Calls whose result is text made of their arguments (a format, a join, a builder), or a SQL fragment
helper: their arguments are not bound values."""
_FORMAT_VERB = lazy_re(r"%[-+# 0-9.]*[sdvqfx]|\{\d*\}|\$\{")
_LONE_LITERAL = lazy_re(r"""^\s*(?:"[^"\n]*"|`[^`]*`|'[^'\n]*')\s*$""")
_BIND_MARK = lazy_re(r"\?|\$\d|(?<![:\w]):[A-Za-z_]\w*|@[A-Za-z_]\w*")


def _values_beside_whole_sql(span: Span) -> bool:
    """Is the statement one call handed its SQL as a single whole literal with bind markers (`?`, `$1`,
    `:name`), every string built at run time being another argument of that call and no SQL itself? Those
    arguments are the values bound to the markers (`d.exec("... LIKE ?", prefix+".%")`), whatever the
    call's name: a project's own query wrapper binds them like the driver it hands them to."""
    bare = span.bare
    first = _CALL_OPEN.search(bare)
    if first is None or first.group(1) in _TEXT_BUILDERS:
        return False
    open_at = first.end() - 1
    call = bracket_span_in_text(span, open_at)
    before, after = bare[:open_at], bare[open_at + len(call.bare):]
    if any(ch in before or ch in after for ch in "+\"'`"):
        return False  # the statement builds text outside the call too
    codes = split_args(call)
    inner = call.bare[1:-1] if call.bare.endswith(")") else call.bare[1:]
    masked = split_top(inner)
    if len(codes) < 2 or len(masked) != len(codes):
        return False
    whole = [i for i, arg in enumerate(masked) if _LONE_LITERAL.match(arg) and looks_like_sql(codes[i])
             and _BIND_MARK.search(codes[i]) and not _FORMAT_VERB.search(codes[i])]
    if len(whole) != 1:
        return False
    others = (codes[i] for i in range(len(codes)) if i != whole[0])
    return not any(looks_like_sql(_quoted_text(arg), strict=False) for arg in others)


_QUOTED_TEXT = lazy_re(r""""([^"\n]*)"|`([^`]*)`|'([^'\n]*)'""")


def _quoted_text(code: str) -> str:
    """The contents of the string literals in `code`, a space between them."""
    return " ".join(next(g for g in m.groups() if g is not None) for m in _QUOTED_TEXT.finditer(code))


def _holds_a_result(rhs: str) -> bool:
    """Is the right-hand side a method call whose result is not text built from its arguments?"""
    call = _METHOD_RESULT.match(rhs)
    return call is not None and call.group(1) not in _TEXT_METHODS


_BODY_OPENER = lazy_re(
    r"(?:=>|->|\)|\bfunc\b[^\n{]*|^\s*(?:\}\s*else\s+)?(?:if|for|switch)\b[^\n{]*)\s*\{[ \t]*(?=\n|$)"
)
"""A line-ending `{` that opens a body: a callback's, or a block's whose header has no parentheses (Go's
`if kind != "" {`)."""


def _head_of(span: Span) -> Span:
    """The statement up to a function body it opens at a line end (`router.get("/x", (req, res) => {`,
    `http.HandleFunc("/x", func(w, r) {`, a Java lambda `-> {`): the statements in the body are statements of
    their own, and the call that takes the callback builds no SQL itself."""
    opener = _BODY_OPENER.search(span.bare) if "{" in span.bare else None
    if opener is None or opener.end() == len(span.bare.rstrip()):
        return span
    cut = opener.end()
    return Span(span.first, span.first + span.bare.count("\n", 0, cut), span.code[:cut], span.bare[:cut])


def _mentions(bare: str, names: set[str]) -> bool:
    """Does code (bare view) use one of `names` (which hold SQL text) outside string literals?"""
    return any(re.search(rf"(?<![\w$.]){re.escape(n)}\b", bare) for n in names if n in bare)


_GO_TYPED_VAR = lazy_re(r"^\s*var\s+([A-Za-z_]\w*)\s+[\w.\[\]*]+\s*=(?!=)")


def _appended(name: str, operator: str, rhs: str) -> str | None:
    """What a statement appends to `name` (`name += x`, `name = name + x`, `name = name.concat(x)`), if it
    appends."""
    rhs = rhs.strip().rstrip(";").strip()
    if operator == "+=":
        return rhs
    self_append = re.match(rf"^{re.escape(name)}\s*(?:\+\s*|\.concat\s*\()(.+?)\)?$", rhs)
    return self_append.group(1).strip() if self_append is not None else None


_LITERALS_ONLY = lazy_re(r"""^(?:\s*(?:"[^"]*"|'[^']*'|`[^`]*`)\s*\+?)+$""")


def _literal_only(added: str, code: str) -> bool:
    """Is an appended expression (bare view) only string literals (and no template field)?"""
    if _LITERALS_ONLY.match(added) is None:
        return False
    return "`" not in added or "${" not in code


_COMPARISON = r"(?:===?|!==?|<=|>=|<|>)"
_COMPARED_GROUP = lazy_re(rf"\((?:[^()]|\([^()]*\))*?{_COMPARISON}(?:[^()]|\([^()]*\))*\)")
_BARE_COMPARISON = lazy_re(rf"^[\w.$()\" ]+?\s*{_COMPARISON}\s*[\w.$()\" ]+$")
_INERT_PIECE = lazy_re(r"""^(?:"[^"]*"|'[^']*'|\d+|true|false)$""")


_DIGITS_FORMATTED = lazy_re(
    r'^fmt\.Sprintf\(\s*"(?:[^"%\\\n]|%%|%[-+ 0-9.]*[dxXob])*"\s*(?:,\s*[\w.*()\[\]+\- ]+)+\)\s*;?$'
)
"""`q += fmt.Sprintf(" LIMIT %d", limit)`: only numbers formatted into the text appended."""


def _inert(added: str, constants: frozenset[str]) -> bool:
    """Is an appended expression (bare view) a value that cannot carry SQL text: a constant, a number, a
    comparison (a boolean), or those joined with literals?"""
    added = added.strip()
    if _BARE_COMPARISON.match(added) and "+" not in added:
        return True
    added = _COMPARED_GROUP.sub("true", added)
    pieces = [piece.strip().strip("()").strip() for piece in added.split("+")]
    return all(piece in constants or _INERT_PIECE.match(piece) for piece in pieces)
