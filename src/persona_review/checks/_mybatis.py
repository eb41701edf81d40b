"""MyBatis `${...}` string substitution of a caller's string in an annotated mapper's SQL.

    @Select("SELECT * FROM contacts WHERE account_id = #{accountId} ORDER BY ${sort} ${direction}")
    List<Contact> page(@Param("accountId") long accountId, @Param("sort") String sort,
                       @Param("direction") String direction);

`#{x}` binds a JDBC parameter; `${x}` pastes the value into the SQL text as it is, so a `sort` of
`(SELECT CASE WHEN ... END)` or `id; DROP TABLE contacts` becomes part of the statement. ORDER BY columns,
sort directions and table names are where it is used, because they cannot be bound; the value must come
from an allow-list (an enum, a map of the accepted column names) before it reaches the mapper.

Read on `@Select`/`@Update`/`@Delete`/`@Insert` (their SQL strings, text blocks and `<script>` arrays): each
`${name}` whose name is a parameter of the annotated method (by its `@Param` name, or its own name) declared
as `String`, `CharSequence` or `Object`, or, when the method takes a single `String`, any `${...}`. A
parameter of another type (an enum, a number) cannot carry SQL, and a property path (`${query.sort}`) names a
field whose type is not in view: both are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import bracket_span, split_top
from persona_review.checks.base import Hit
from persona_review.lazy_re import lazy_re

_MAPPER_SQL = lazy_re(r"@(?:Select|Update|Delete|Insert)\s*\(")
_SUBSTITUTION = lazy_re(r"\$\{\s*(?P<name>[A-Za-z_$][\w$]*)(?P<path>\s*\.[\w$.]*)?\s*(?:,[^}]*)?\}")
_OTHER_ANNOTATION = lazy_re(r"@(?!Param\b)[\w.]+(?:\s*\((?:[^()]|\([^()]*\))*\))?")
_METHOD = lazy_re(
    r"\b[A-Za-z_$][\w$]*\s*\((?P<params>(?:[^()]|\([^()]*\))*)\)\s*(?:throws\s+[\w.,\s]+)?[;{]"
)
_PARAMETER = lazy_re(
    r"""^\s*(?:@Param\s*\(\s*(?:value\s*=\s*)?"(?P<alias>[^"]*)"\s*\)\s*)?(?:final\s+)?"""
    r"""(?P<type>[\w.$]+(?:\s*<.*>)?(?:\s*\[\s*\])*)\s+(?P<name>[A-Za-z_$][\w$]*)\s*$""",
    re.DOTALL,
)
_VALUE_POSITION = lazy_re(
    r"""(?:=|<|>|\bLIKE|\bIN\s*\(|\bIN\s*\([^)]*,|['%]|\bAND|\bOR|\bBETWEEN)\s*$""", re.IGNORECASE
)
_CLAUSE = lazy_re(
    r"\b(ORDER\s+BY|GROUP\s+BY|FROM|JOIN|INTO|UPDATE|SELECT|WHERE|SET|VALUES|HAVING|LIMIT|OFFSET|ON|TABLE)\b",
    re.IGNORECASE,
)
_TEXT_TYPES = frozenset({"String", "java.lang.String", "CharSequence", "Object", "java.lang.Object"})
_MESSAGE = (
    "`${{{name}}}` pastes the caller's string into this SQL as written (MyBatis string substitution, not a "
    "bound parameter): a crafted value rewrites the query. Bind values with `#{{...}}`; an ORDER BY column, "
    "sort direction or table name must be mapped from an allow-list (an enum, a fixed map) before it "
    "reaches the mapper."
)
_SIGNATURE_LINES = 8
"""How many lines after the annotation's SQL the method's declaration is looked for in (past other
annotations such as `@Options`)."""


def mybatis_substitutions(lexed: Lexed) -> Iterator[Hit]:
    """A hit on each line of a mapper annotation's SQL that substitutes (`${...}`) a string parameter."""
    for no in sorted(lexed.code):
        bare = lexed.bare[no]
        found = _MAPPER_SQL.search(bare)
        if found is None:
            continue
        span = bracket_span(lexed, no, found.end() - 1)
        if not span.closed or "${" not in span.code:
            continue
        end = len(span.bare.rsplit("\n", 1)[-1]) if span.last > no else found.end() - 1 + len(span.bare)
        parameters, count = _parameters(lexed, span.last, end)
        single_text = count == 1 and next(iter(parameters.values())) in _TEXT_TYPES
        reported: set[int] = set()
        for placeholder in _SUBSTITUTION.finditer(span.code):
            line = no + span.code.count("\n", 0, placeholder.start())
            if line in reported or placeholder.group("path"):
                continue
            name = placeholder.group("name")
            if not _caller_chosen(_sql_before(span.code[:placeholder.start()])):
                continue
            if parameters.get(name) in _TEXT_TYPES or (single_text and name not in parameters):
                reported.add(line)
                yield Hit(line, message=_MESSAGE.format(name=name))


def _sql_before(code: str) -> str:
    """The SQL text before a placeholder: the string contents of the annotation so far, joined (the quotes,
    `+` and commas between string pieces dropped)."""
    pieces = re.findall(r'"""(.*?)(?:"""|$)|"((?:[^"\\]|\\.)*)(?:"|$)', code, re.DOTALL)
    return " ".join(block or plain for block, plain in pieces)


def _caller_chosen(before: str) -> bool:
    """Whether a placeholder after the SQL `before` stands where a caller's choice goes: a value (after a
    comparison, `LIKE`, `IN (`, inside quotes) or the ORDER BY/GROUP BY clause (the sort column and
    direction); not a table name (after FROM/JOIN/INTO/UPDATE) or a select list, which are the code's own."""
    tail = before[-300:]
    if _VALUE_POSITION.search(tail):
        return True
    clauses = [found.group(1).upper() for found in _CLAUSE.finditer(tail)]
    return bool(clauses) and clauses[-1].startswith(("ORDER", "GROUP"))


def _parameters(lexed: Lexed, line: int, col: int) -> tuple[dict[str, str], int]:
    """Name (its `@Param` name and its own) -> declared type of each parameter of the method declared
    after the annotation that ends at (line, col), and how many parameters it has; empty when no
    declaration follows in view."""
    parts = [lexed.code.get(line, "")[col:]]
    no = line
    while not re.search(r"[;{]", lexed.bare.get(no, "")[col if no == line else 0:]):
        no += 1
        if no not in lexed.code or no - line > _SIGNATURE_LINES:
            return {}, 0
        parts.append(lexed.code[no])
    text = _OTHER_ANNOTATION.sub(" ", " ".join(parts))
    method = _METHOD.search(text)
    if method is None:
        return {}, 0
    out: dict[str, str] = {}
    raws = split_top(method.group("params"), opening="<(", closing=">)")  # generics hold commas too
    for raw in raws:
        parameter = _PARAMETER.match(raw)
        if parameter is None:
            continue
        kind = re.sub(r"\s+", "", parameter.group("type"))
        out[parameter.group("name")] = kind
        if parameter.group("alias"):
            out[parameter.group("alias")] = kind
    return out, len(raws)
