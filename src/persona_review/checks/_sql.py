"""Recognising SQL text and strings built from pieces, shared by the SQL-injection checks."""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

# Uppercase keywords are SQL almost everywhere; lowercase ones only count inside a query-running call.
_SQL_UPPER = lazy_re(
    r"\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+(?:[\w.\"`\[\]%{}$]+\s+)?SET|DELETE\s+FROM|"
    r"CREATE\s+(?:TABLE|INDEX|VIEW)|DROP\s+(?:TABLE|INDEX|VIEW)|ALTER\s+TABLE|TRUNCATE\s+TABLE|"
    r"WHERE\s+[\w.\"`]+\s*(?:=|<|>|LIKE|IN)|ORDER\s+BY)\b"
)
_SQL_ANY = lazy_re(_SQL_UPPER.pattern, re.IGNORECASE)
_SQL_CONDITION = lazy_re(
    r"(?<![\w.])(?:WHERE|AND|OR)\s+[\w.\"`]+\s*(?:(?:NOT\s+)?(?:I?LIKE|IN)\b|(?:=|<>|!=|<=|>=|<|>)\s*')"
)
"""A condition appended to a query (`" AND name ILIKE '%" + q + "%'"`, `" OR region = '" + r + "'"`):
uppercase only, as `and x = ` in lowercase is as likely prose; a comparison counts when a quoted value
follows it (`AND id = ?` binds its value). Read for Java's string building only (`conditions=True`): in
Python it took text that is not a query for one on another suite's clean cases."""
_SQL_QUOTED_CONDITION = lazy_re(
    r"(?<![\w.])(?:WHERE|AND|OR)\s+[\w.\"`]+\s*(?:(?:NOT\s+)?I?LIKE\s*'|(?:=|<>|!=|<=|>=|<|>)\s*')"
)
"""An appended condition whose value is spliced between quotes by hand (`" AND kind = '" + k + "'"`): an
`IN (%s)` of placeholders is not one."""
_SQL_START = lazy_re(
    r"^\s*(?:select|insert|update|delete|create|drop|alter|truncate|with|merge|replace)\s", re.IGNORECASE
)


_SQL_STATEMENT_START = lazy_re(
    r"^(?:select\s+[\w\s*,.()%{}$]+?\s+from\s|insert\s+into\s|delete\s+from\s|"
    r"update\s+(?:[\w.\"`%{}$]+\s+)?set\s)",
    re.IGNORECASE,
)
"""A string that starts as a statement does. Its first keyword must be all lower or all upper case, so
`SELECT id from t` and `select id FROM t` are SQL while the sentence `Select a file from the list` is not."""


_PROCEDURE_CALL = lazy_re(r"^(?:(?i:\{\s*(?:\?\s*=\s*)?call\s)|CALL\s+[\w.\"`]+\s*\()")
"""A stored-procedure call: the JDBC/ODBC escape `{call p(?)}` / `{? = call p}`, or `CALL p(...)`."""


def looks_like_sql(text: str, strict: bool = True, conditions: bool = False, quoted_conditions: bool = False
                   ) -> bool:
    """Does `text` (string contents) read as SQL? `strict` requires uppercase keywords, or a string that
    starts as a statement or a procedure call; `conditions` also takes an appended condition alone, and
    `quoted_conditions` one whose value opens a quote (`" AND kind = '"`)."""
    start = text.lstrip()
    if _PROCEDURE_CALL.match(start):
        return True
    if conditions and _SQL_CONDITION.search(text):
        return True
    if quoted_conditions and _SQL_QUOTED_CONDITION.search(text):
        return True
    if strict:
        return bool(_SQL_UPPER.search(text)) or _starts_as_statement(start)
    return bool(_SQL_ANY.search(text) or _SQL_START.match(text))


def _starts_as_statement(text: str) -> bool:
    match = _SQL_STATEMENT_START.match(text)
    if match is None:
        return False
    keyword = match.group(0).split(None, 1)[0]
    return keyword.islower() or keyword.isupper()
