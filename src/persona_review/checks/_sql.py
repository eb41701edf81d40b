"""Recognising SQL text and strings built from pieces, shared by the SQL-injection checks."""

from __future__ import annotations

import re

# Uppercase keywords are SQL almost everywhere; lowercase ones only count inside a query-running call.
_SQL_UPPER = re.compile(
    r"\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+(?:[\w.\"`\[\]%{}$]+\s+)?SET|DELETE\s+FROM|"
    r"CREATE\s+(?:TABLE|INDEX|VIEW)|DROP\s+(?:TABLE|INDEX|VIEW)|ALTER\s+TABLE|TRUNCATE\s+TABLE|"
    r"WHERE\s+[\w.\"`]+\s*(?:=|<|>|LIKE|IN)|ORDER\s+BY)\b"
)
_SQL_ANY = re.compile(_SQL_UPPER.pattern, re.IGNORECASE)
_SQL_START = re.compile(
    r"^\s*(?:select|insert|update|delete|create|drop|alter|truncate|with|merge|replace)\s", re.IGNORECASE
)


_SQL_LOWER_START = re.compile(
    r"^(?:select\s+[\w\s*,.()%{}$]+?\s+from\s|insert\s+into\s|delete\s+from\s|"
    r"update\s+(?:[\w.\"`%{}$]+\s+)?set\s)"
)


def looks_like_sql(text: str, strict: bool = True) -> bool:
    """Does `text` (string contents) read as SQL? `strict` requires uppercase keywords."""
    if strict:
        return bool(_SQL_UPPER.search(text) or _SQL_LOWER_START.match(text.lstrip()))
    return bool(_SQL_ANY.search(text) or _SQL_START.match(text))
