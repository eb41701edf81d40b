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
    return _PLACEHOLDER_LIST.sub("", code) if "${" in code else code


_PLACEHOLDER_ASSIGN = lazy_re(
    rf"^\s*(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?{_PLACEHOLDER_CALL}\s*;?\s*$"
)


def placeholder_names(lines: dict[int, str]) -> frozenset[str]:
    """Names declared from a helper named for bind placeholders
    (`const marks = this.createSqlPlaceholders(v)`), and never assigned again: what they hold is bind
    markers, not values."""
    found: set[str] = set()
    for text in lines.values():
        if "laceholder" in text:
            declared = _PLACEHOLDER_ASSIGN.match(text)
            if declared is not None:
                found.add(declared.group(1))
    if not found:
        return frozenset()
    reassigned = {name for name in found for text in lines.values()
                  if name in text and re.search(rf"(?<![\w$.]){re.escape(name)}\s*(?:\+=|=(?![=>]))", text)
                  and _PLACEHOLDER_ASSIGN.match(text) is None}
    return frozenset(found - reassigned)


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
        value in constants or (_OWN_TABLE.match(value) is not None and _set_plainly(value, file_code))
        for value in spliced
    )


_PLAIN = lazy_re(r"""^(?:[\w$]+|"[^"]*"|'[^']*'|`[^`$]*`)\s*;?\s*$""")


def _set_plainly(field: str, file_code: str) -> bool:
    """Is every assignment to `field` in the known lines a literal or a plain name?"""
    assignment = re.compile(rf"{re.escape(field)}\s*=(?![=>])\s*(.*)")
    return all(_PLAIN.match(m.group(1)) for m in assignment.finditer(file_code))
