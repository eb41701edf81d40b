"""Whether a JavaScript/TypeScript SQL string splices only table names the code's own object holds.

`${this.tableName}` (or `this.dbTableName`, `this.schema`, `this.table`) names a table the class was built
for: a repository or query builder set up by the code, not a value a caller sends, like the
`self.table_name` and `_meta.db_table` the Python SQL check already takes as fixed. Unless the file gives
that field something other than a literal or a plain name (a constructor's parameter): `this.table =
req.query.t` keeps the finding. A statement that splices anything else as well (a parameter, a column built
from input, a call) is not judged here.

A splice that builds only a list of bind placeholders is fixed text too: `${ids.map(() => '?').join(', ')}`,
`${cols.map(() => '??').join(',')}` (knex's bound identifiers), `${ids.map((_, i) => `$${i + 1}`).join()}`,
`${Array(n).fill('?').join(',')}`: the values themselves go in the bindings, the way a driver's `IN (?)`
expansion does it. Such a splice is dropped before the others are judged.
"""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

_TEMPLATE_FIELD = lazy_re(r"\$\{\s*([^{}]*?)\s*\}")
_CONCAT_RIGHT = lazy_re(r"""["'`]\s*\+\s*([\w$.]+)""")
_CONCAT_LEFT = lazy_re(r"""([\w$.]+)\s*\+\s*["'`]""")
_OWN_TABLE = lazy_re(
    r"^this\.(?:[\w$]+\.)*_?(?:db_?)?(?:table(?:_?name)?|schema(?:_?name)?|model_?name)$", re.IGNORECASE
)


_PLACEHOLDER = (
    r"""(?:'\?\??'|"\?\??"|`\?\??`|`[$@:][$]\{\s*[\w$]+\s*(?:\+\s*\d+\s*)?\}`"""
    r"""|'[$@:]'\s*\+\s*\(?\s*[\w$]+\s*(?:\+\s*\d+\s*)?\)?)"""
)
_PLACEHOLDER_CALL = r"[\w$.]*[pP]laceholders?[\w$]*\([^()`]*(?:\([^()`]*\)[^()`]*)*\)"
"""A helper named for what it gives (`this.createSqlPlaceholders(values)`, `placeholdersFor(n)`): bind
markers."""
_IDENTIFIER_REF = r"(?:[\w$]+\.)*knex\.ref\([^()`]*\)"
"""knex's `ref()`: an identifier knex quotes itself."""
_LITERAL_CHOICE = r"""[^{}`?]+\?\s*(?:'[^'`$]*'|"[^"`$]*")\s*:\s*(?:'[^'`$]*'|"[^"`$]*")"""
"""`${withData ? '' : 'WITH NO DATA'}`: one of two literals."""
_JOIN = r"""\.join\(\s*(?:'[^'`$]*'|"[^"`$]*"|`[^`$]*`)?\s*\)"""
_PLACEHOLDER_LIST = lazy_re(
    r"\$\{\s*(?:"
    rf"[\w$.]+(?:\(\))?\.map\(\s*(?:\([\w$,\s]*\)|[\w$]+)\s*=>\s*{_PLACEHOLDER}\s*\){_JOIN}"
    rf"|(?:new\s+)?Array\(\s*[\w$.]+\s*\)\.fill\(\s*{_PLACEHOLDER}\s*\){_JOIN}"
    rf"|{_PLACEHOLDER_CALL}|{_IDENTIFIER_REF}|{_LITERAL_CHOICE}"
    r")\s*\}"
)
"""A template splice that builds only a list of bind placeholders (`?`, knex's `??`, pg's `$1`, ...)."""


def placeholder_lists_dropped(code: str) -> str:
    """`code` without its template splices that build only bind-placeholder lists."""
    if "${" not in code:
        return code
    dropped = _PLACEHOLDER_LIST.sub("", code)
    return _SUBQUERY_TEXT.sub("", dropped) if "getQuery" in dropped or "getSql" in dropped else dropped


_SUBQUERY_TEXT = lazy_re(r"\$\{\s*(?:this\.)?[\w$]+(?:\.[\w$]+)*\s*\.\s*(?:getQuery|getSql)\s*\(\s*\)\s*\}")
"""`IN (${subQb.getQuery()})`: TypeORM's text of another query builder, whose values it binds as parameters
(`setParameters(subQb.getParameters())`), not a value of the caller's."""


_MARKS_BUILT = (
    rf"[\w$.]+(?:\(\))?\.map\(\s*(?:\([\w$,\s]*\)|[\w$]+)\s*=>\s*{_PLACEHOLDER}\s*\){_JOIN}"
    rf"|(?:new\s+)?Array\(\s*[\w$.]+\s*\)\.fill\(\s*{_PLACEHOLDER}\s*\){_JOIN}"
)
"""A list of bind placeholders built in place (`ids.map((_, i) => `$${i + 2}`).join(", ")`)."""
_PLACEHOLDER_ASSIGN = lazy_re(
    rf"^\s*(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?(?:{_PLACEHOLDER_CALL}|{_MARKS_BUILT})\s*;?\s*$"
)


def placeholder_names(lines: dict[int, str]) -> frozenset[str]:
    """Names declared from a helper named for bind placeholders
    (`const marks = this.createSqlPlaceholders(v)`) or from a list of them built in place (`const marks =
    ids.map((_, i) => `$${i + 2}`).join(", ")`), and never assigned again: what they hold is bind markers,
    not values."""
    found: set[str] = set()
    for text in lines.values():
        if "laceholder" in text or ".map(" in text or ".fill(" in text:
            declared = _PLACEHOLDER_ASSIGN.match(text)
            if declared is not None:
                found.add(declared.group(1))
    if not found:
        return frozenset()
    reassigned = {name for name in found for text in lines.values()
                  if name in text and re.search(rf"(?<![\w$.]){re.escape(name)}\s*(?:\+=|=(?![=>]))", text)
                  and _PLACEHOLDER_ASSIGN.match(text) is None}
    return frozenset(found - reassigned)


_FRAGMENT_NAME = r"[\w$]*(?:Query|SQL|Sql|Clause)"
_FRAGMENT_CALL = lazy_re(rf"^(?:[\w$]+\.)*{_FRAGMENT_NAME}\s*\(")
"""A call of a helper named for the SQL it gives (`getDateSQL(column, unit)`, `buildWhereClause(filters)`):
a fragment the code composes, judged where the helper builds it."""
_DESTRUCTURED = lazy_re(r"^\s*(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*(?:await\s+)?[\w$.]+\s*\(")
_DECLARED = lazy_re(r"^\s*(?:const|let|var)\s+([\w$]+)\s*(?::\s*[\w$<>\[\]]+\s*)?=\s*(?:await\s+)?(.)")
_FRAGMENT = lazy_re(rf"^{_FRAGMENT_NAME}$")


def sql_fragments(lines: dict[int, str], constants: frozenset[str]) -> frozenset[str]:
    """Names that hold SQL the code composes rather than a caller's value: named for SQL (`cohortQuery`,
    `dateSQL`, `whereClause`) and, wherever the file declares them, given a helper's result (`const {
    filterQuery } = parseFilters(filters)`, `const joinQuery = getJoinQuery(...)`) or a template whose
    every field is such a name or a constant, and never assigned again. A value spliced into them is
    reported where they are built."""
    found: set[str] = set()
    other: set[str] = set()
    for no in sorted(lines):
        text = lines[no]
        if "const" not in text and "let" not in text and "var" not in text:
            continue
        parts = _DESTRUCTURED.match(text)
        if parts is not None:
            for piece in parts.group(1).split(","):
                name = piece.split(":")[-1].split("=")[0].strip()
                (found if _FRAGMENT.match(name) else other).add(name)
            continue
        single = _DECLARED.match(text)
        if single is None or not _FRAGMENT.match(single.group(1)):
            continue
        name, rest = single.group(1), text[single.start(2):]
        if rest.startswith("`"):
            fields = _template_fields(lines, no, single.start(2))
            composed = fields is not None and all(
                f in constants or f in found or _FRAGMENT_CALL.match(f) for f in fields)
        else:
            composed = re.match(r"(?:[\w$]+\.)*[\w$]+\s*\(", rest) is not None
        (found if composed else other).add(name)
    found -= other
    assigned_again = {name for name in found if any(
        name in text and re.search(rf"(?<![\w$.]){re.escape(name)}\s*(?:\+=|=(?![=>]))", text)
        and not re.match(r"^\s*(?:const|let|var)\b", text) for text in lines.values())}
    return frozenset(found - assigned_again)


def _template_fields(lines: dict[int, str], no: int, start: int) -> list[str] | None:
    """The `${...}` fields of the template literal that opens at `start` on line `no` (None when it does
    not close within 200 known lines)."""
    text = lines[no][start + 1:]
    for line in range(no + 1, no + 200):
        if "`" in text:
            break
        nxt = lines.get(line)
        if nxt is None:
            return None
        text += "\n" + nxt
    if "`" not in text:
        return None
    body = text[: text.index("`")]
    return [m.group(1) for m in _TEMPLATE_FIELD.finditer(body)]


def fragment_call(value: str) -> bool:
    """Is `value` a call of a helper named for the SQL it gives?"""
    return _FRAGMENT_CALL.match(value) is not None


def only_own_table_names(code: str, file_code: str, constants: frozenset[str] = frozenset()) -> bool:
    """Does `code` (a statement's text, string literals kept) splice values into SQL text, and is every one
    of them a bind-placeholder list or a table name of `this` that `file_code` (the known lines) sets only
    from literals or plain names (or a name in `constants`)?"""
    lists = placeholder_lists_dropped(code)
    dropped, code = lists != code, lists
    spliced = [m.group(1) for m in _TEMPLATE_FIELD.finditer(code)] if "${" in code else []
    if "+" in code:
        spliced += [m.group(1) for m in _CONCAT_RIGHT.finditer(code)]
        spliced += [m.group(1) for m in _CONCAT_LEFT.finditer(code)]
    if not spliced:
        return dropped
    return all(
        value in constants or fragment_call(value) or _CONSTANT_ROOTED.match(value) is not None
        or (_OWN_TABLE.match(value) is not None and _set_plainly(value, file_code))
        for value in spliced
    )


_CONSTANT_ROOTED = lazy_re(r"^[A-Z][A-Z0-9_]*(?:\.[\w$]+)*$")
"""A constant by the naming convention, or a field of one (`TABLE`, `T.features`, `TABLES.USERS`): table
and column names a module (often another one, imported) fixes, as the Python check reads `TABLE_NAME`.
Request data that does reach the text under such a name is still the data flow's finding."""


_PLAIN = lazy_re(r"""^(?:[\w$]+|"[^"]*"|'[^']*'|`[^`$]*`)\s*;?\s*$""")


def _set_plainly(field: str, file_code: str) -> bool:
    """Is every assignment to `field` in the known lines a literal or a plain name?"""
    assignment = re.compile(rf"{re.escape(field)}\s*=(?![=>])\s*(.*)")
    return all(_PLAIN.match(m.group(1)) for m in assignment.finditer(file_code))
