"""Whether one SQL statement of a migration rewrites or copies a whole existing table in one go.

- `UPDATE t SET ...` with no `WHERE`, or a `WHERE` that does not narrow it to a batch: only `col IS [NOT]
  NULL` tests (the usual backfill of a new column) and join conditions between two tables' columns.
- `INSERT INTO x SELECT ... FROM t` with no `WHERE` and no `LIMIT` into an existing table `x`: every row
  of `t` in one statement. A copy into a table the change creates is a table rebuild (SQLite's way to
  change a table) or a new table's first fill, which the other migration checks judge as a whole.

A `WHERE` with anything else (a key range, a literal, a parameter the code fills in batch by batch, an
`IN (...)` list) and a `LIMIT` are taken as bounded. Tables the change or the file creates are new and empty
and are not reported. Statements are read as `migrations_sql.split_statements` gives them: upper case,
comments removed, white space folded.
"""

from __future__ import annotations

from persona_review.checks.migrations_sql import norm_table
from persona_review.lazy_re import lazy_re

_TABLE = r"([\w$]+(?:\.[\w$]+)?|\"[^\"]+\"(?:\.\"[^\"]+\")?|`[^`]+`|\[[^\]]+\](?:\.\[[^\]]+\])?)"
_UPDATE = lazy_re(rf"^UPDATE\s+(?:ONLY\s+)?{_TABLE}\s+(?:(?:AS\s+)?(?!SET\b)\w+\s+)?SET\s")
_INSERT_SELECT = lazy_re(
    rf"^(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+{_TABLE}\s*(?:\([^()]*\)\s*)?\(?\s*SELECT\s"
)
_FROM = lazy_re(rf"\bFROM\s+(?:ONLY\s+)?{_TABLE}\s*(?!\()")
_WHERE = lazy_re(r"\bWHERE\b")
_LIMIT = lazy_re(r"\bLIMIT\b|\bTOP\s*\(|\bFETCH\s+FIRST\b")
_STRING = lazy_re(r"'(?:[^']|'')*'")
_INNER = lazy_re(r"\([^()]*\)")
_AND = lazy_re(r"\s+AND\s+")
_OR = lazy_re(r"\bOR\b")
_NULL_TEST = lazy_re(r"^\(?\s*[\w$.\"`]+\s+IS\s+(?:NOT\s+)?NULL\s*\)?$")
_JOIN = lazy_re(r"^[\w$\"`]+\.[\w$\"`]+\s*(?:=|<>|!=)\s*[\w$\"`]+\.[\w$\"`]+$")
_ALWAYS = lazy_re(r"^(?:TRUE|1\s*=\s*1)$")
_PLACEHOLDER = lazy_re(r"%[sd(]|\?|\$\d|(?<![:\w]):\w|\{|#\{|\$\{")


def backfill_detail(statement: str, created: frozenset[str] | set[str]) -> str | None:
    """What is wrong with `statement` (upper case, folded), or None when it is bounded, not a backfill, or
    works on a table in `created`."""
    if statement.startswith("UPDATE"):
        match = _UPDATE.match(statement)
        if match is None or _PLACEHOLDER.search(match.group(1)):
            return None
        table = norm_table(match.group(1))
        if table in created:
            return None
        where = _top_level(statement)
        if _LIMIT.search(where):
            return None
        clause = _WHERE.split(where, maxsplit=1)
        if len(clause) == 1:
            return f"`UPDATE {table} SET ...` has no WHERE: it rewrites every row of {table} at once."
        if _broad(clause[1]):
            return (f"`UPDATE {table} SET ... WHERE ...` is not limited to a batch (the WHERE only tests for "
                    f"NULL or joins another table): it can rewrite every row of {table} at once.")
        return None
    if statement.startswith(("INSERT", "REPLACE")):
        match = _INSERT_SELECT.match(statement)
        if match is None:
            return None
        rest = _top_level(statement[match.end() - 7:])
        source = _FROM.search(rest)
        if source is None or _WHERE.search(rest) or _LIMIT.search(rest):
            return None
        if _PLACEHOLDER.search(source.group(1)):
            return None
        table = norm_table(source.group(1))
        target = norm_table(match.group(1))
        if target in created or table in created or table in {"dual", "generate_series", "unnest"}:
            return None  # a copy into a new table is a table rebuild (or a new table's first fill)
        return (f"`INSERT INTO {target} SELECT ... FROM {table}` copies every row of {table} in one "
                "statement.")
    return None


def _top_level(statement: str) -> str:
    """`statement` with string literals emptied and parenthesised parts reduced to `()`, so that the
    keywords left are the statement's own (not a subquery's)."""
    text = _STRING.sub("''", statement)
    for _ in range(50):  # each round empties the innermost parentheses; nesting deeper than 50 is not SQL
        reduced = _INNER.sub("()", text.replace("()", "\x00"))
        reduced = reduced.replace("\x00", "()")
        if reduced == text:
            break
        text = reduced
    return text


def _broad(where: str) -> bool:
    """Whether every condition of a top-level WHERE lets the whole table through: null tests, join
    conditions, `TRUE`. An `OR` of such conditions counts as broad too."""
    where = where.strip().rstrip(";").strip()
    if not where or _PLACEHOLDER.search(where):
        return False
    conditions = [c for part in _AND.split(where) for c in _OR.split(part)]
    return all(_NULL_TEST.match(c.strip()) or _JOIN.match(c.strip()) or _ALWAYS.match(c.strip())
               for c in conditions)


_SELECT = lazy_re(r"^SELECT\s")
_CLAUSE_END = lazy_re(r"\b(?:GROUP\s+BY|ORDER\s+BY|HAVING|WINDOW|FOR\s+UPDATE|FOR\s+SHARE)\b")


def whole_table_read(statement: str, created: frozenset[str] | set[str]) -> str | None:
    """The table a `SELECT` reads every row of (no `WHERE`, or one of null tests and join conditions only,
    and no `LIMIT`), or None: what a migration that walks the rows of the result walks over. `statement` is
    folded as `migrations_sql.split_statements` gives it; tables in `created` are new and give None."""
    if not _SELECT.match(statement):
        return None
    top = _top_level(statement)
    source = _FROM.search(top)
    if source is None or _LIMIT.search(top) or _PLACEHOLDER.search(source.group(1)):
        return None
    table = norm_table(source.group(1))
    if table in created:
        return None
    clause = _WHERE.split(top, maxsplit=1)
    if len(clause) == 2 and not _broad(_CLAUSE_END.split(clause[1], maxsplit=1)[0]):
        return None
    return table
