"""What earlier SQL statements of a migration tell about later ones: each column's declared type, the
columns a validated `CHECK (col IS NOT NULL)` covers, and the indexed columns.

Used to leave out what Postgres does without a rewrite or a scan:
- a type change that only widens (varchar(n) to a longer or unbounded varchar, varchar to text or citext,
  numeric(p,s) to a larger precision with the same scale, a larger timestamp precision, cidr to inet);
  a text-family change of an indexed column still rebuilds the index, so it is not left out;
- `SET NOT NULL` on a column a validated `CHECK (col IS NOT NULL)` already covers (Postgres 12+ skips the
  scan).
Statements are those of `migrations_sql.split_statements` (upper case, white space folded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from persona_review.checks._rails_column_types import widening_change
from persona_review.lazy_re import lazy_re


class _Statement(Protocol):
    @property
    def text(self) -> str: ...


_IDENT = r'(?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))?'
_CREATE = lazy_re(
    rf"^CREATE\s+(?:UNLOGGED\s+|TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_IDENT})\s*\((.*)\)"
)
_ALTER = lazy_re(rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?({_IDENT})\s+(.*)$")
_INDEX = lazy_re(
    rf"^CREATE\s+(?:UNIQUE\s+)?INDEX\b.*?\bON\s+(?:ONLY\s+)?({_IDENT})(?:\s+USING\s+\w+)?\s*\((.*?)\)"
)
_ADD_COLUMN = lazy_re(
    r"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?!CONSTRAINT\b|CHECK\b|FOREIGN\b|PRIMARY\b|UNIQUE\b)"
    r"(\"[^\"]+\"|`[^`]+`|\w+)\s+((?:[^,(]|\([^)]*\))+)"
)
_NOT_NULL_CHECK = lazy_re(
    r"\bADD\s+(?:CONSTRAINT\s+(\"[^\"]+\"|\w+)\s+)?CHECK\s*\(\s*\(?\s*(\"[^\"]+\"|\w+)\s+IS\s+NOT\s+NULL\s*\)?\s*\)(\s+NOT\s+VALID)?"
)
_VALIDATE = lazy_re(r"\bVALIDATE\s+CONSTRAINT\s+(\"[^\"]+\"|\w+)")
_TYPE = lazy_re(
    r"^(CHARACTER\s+VARYING|VARCHAR|TEXT|CITEXT|NUMERIC|DECIMAL|TIMESTAMPTZ|TIMESTAMP|TIME|INTERVAL|CIDR|INET|"
    r"\w+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?(\s+WITH(?:OUT)?\s+TIME\s+ZONE)?"
)
_TYPE_CHANGE = lazy_re(
    r"\bALTER\s+(?:COLUMN\s+)?(\"[^\"]+\"|`[^`]+`|\w+)\s+(?:SET\s+DATA\s+)?TYPE\s+(.+?)(?=,\s*ALTER\b|,\s*ADD\b|,\s*DROP\b|$)"
)
_NOT_COLUMNS = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"})
_DROP_DEFAULT = lazy_re(r"\bALTER\s+(?:COLUMN\s+)?(\"[^\"]+\"|`[^`]+`|\w+)\s+DROP\s+DEFAULT\b")
_SET_DEFAULT = lazy_re(r"\bALTER\s+(?:COLUMN\s+)?(\"[^\"]+\"|`[^`]+`|\w+)\s+SET\s+DEFAULT\b")
_COLUMN_NAME = r"(\"[^\"]+\"|`[^`]+`|\w+)"
_DEFINITION = r"((?:[^,(]|\([^)]*\))+)"
_MODIFY_RE = lazy_re(
    rf"\bMODIFY\s+(?:COLUMN\s+)?{_COLUMN_NAME}\s+{_DEFINITION}"
    rf"|\bCHANGE\s+(?:COLUMN\s+)?(?:\"[^\"]+\"|`[^`]+`|\w+)\s+{_COLUMN_NAME}\s+{_DEFINITION}"
)


def _modified(actions: str) -> list[tuple[str, str]]:
    """(column, new definition) of each MySQL `MODIFY col def` / `CHANGE old col def`."""
    if "MODIFY" not in actions and "CHANGE" not in actions:
        return []
    return [(m[0] or m[2], m[1] or m[3]) for m in _MODIFY_RE.findall(actions)]


def _findall(pattern: re.Pattern[str], word: str, text: str) -> list[Any]:
    """`pattern.findall(text)`, skipped when `text` lacks `word`, which every match of `pattern` holds (a
    substring test is far cheaper than a search, and most statements hold few of the words asked about)."""
    return pattern.findall(text) if word in text else []


_SET_NOT_NULL = lazy_re(r"\bALTER\s+(?:COLUMN\s+)?(\"[^\"]+\"|`[^`]+`|\w+)\s+SET\s+NOT\s+NULL\b")


def name(ident: str) -> str:
    """An identifier lower-cased, unquoted, schema dropped."""
    return ident.replace('"', "").replace("`", "").lower().rsplit(".", 1)[-1]


class SqlType(NamedTuple):
    name: str
    args: tuple[int, ...]


def parse_type(text: str) -> SqlType | None:
    match = _TYPE.match(text.strip())
    if match is None:
        return None
    base = re.sub(r"\s+", " ", match.group(1)).lower()
    base = {"character varying": "varchar", "decimal": "numeric"}.get(base, base)
    if base == "timestamp" and match.group(4) and "OUT" not in match.group(4):
        base = "timestamptz"
    args = tuple(int(g) for g in match.group(2, 3) if g is not None)
    return SqlType(base, args)


def only_widens(old: SqlType, new: SqlType, indexed: bool = False) -> bool:
    """Whether changing a column from `old` to `new` keeps its data as it is (no rewrite): the same type,
    timestamp to timestamptz, or a widening (a longer or unbounded varchar, varchar to text, more numeric
    precision with the same scale)."""
    if old == new or (old.name, new.name) == ("timestamp", "timestamptz"):
        return True
    old_pos, old_kw = _rails_shape(old)
    new_pos, new_kw = _rails_shape(new)
    return widening_change(old_pos, old_kw, new_pos, new_kw, indexed)


def _rails_shape(kind: SqlType) -> tuple[list[str], dict[str, str]]:
    """`kind` as the (positional, keyword) arguments the Rails widening rules read."""
    names = {"varchar": "string", "numeric": "decimal", "timestamp": "datetime"}
    keywords: dict[str, str] = {}
    if kind.args:
        if kind.name == "varchar":
            keywords["limit"] = str(kind.args[0])
        else:
            keywords["precision"] = str(kind.args[0])
            if len(kind.args) > 1:
                keywords["scale"] = str(kind.args[1])
    if kind.name == "numeric" and kind.args and len(kind.args) == 1:
        keywords["scale"] = "0"
    return [names.get(kind.name, kind.name)], keywords


_UNBOUNDED_TEXT = frozenset({"text", "citext"})


Column = tuple[str, str]


@dataclass
class SqlFacts:
    """Facts read from statements in order; `learn` each statement after judging it. Each fact keeps the
    number of the statement that taught it, so a question can be asked as of any earlier statement
    (`before`) without copying the facts per statement."""

    types: dict[Column, list[tuple[int, SqlType]]] = field(default_factory=dict)
    indexed: dict[Column, int] = field(default_factory=dict)
    checks: dict[str, Column] = field(default_factory=dict)
    """Constraint name -> (table, column) of a `CHECK (column IS NOT NULL)` added NOT VALID."""
    checked: dict[Column, int] = field(default_factory=dict)
    """(table, column) -> the statement whose validated `CHECK (column IS NOT NULL)` covers it."""
    not_null_with_default: set[Column] = field(default_factory=set)
    """Columns added NOT NULL with a default (harmless until the default is dropped)."""
    defaulted: set[Column] = field(default_factory=set)
    """Columns given a default by `SET DEFAULT`."""
    learned: int = 0
    """How many statements have been learnt."""

    @property
    def not_null_checked(self) -> set[Column]:
        return set(self.checked)

    def _type(self, key: Column, before: int) -> SqlType | None:
        found = [kind for at, kind in self.types.get(key, []) if at < before]
        return found[-1] if found else None

    def _set_type(self, key: Column, kind: SqlType) -> None:
        self.types.setdefault(key, []).append((self.learned, kind))

    def learn_restored_types(self, text: str) -> None:
        """Learn, as the types columns have before the migration, the types a reverting statement (a down
        section, a Liquibase `-- rollback`) gives back with `ALTER COLUMN … TYPE` / MySQL `MODIFY`; the rest
        of the statement is not learnt (it runs only on a rollback)."""
        match = _ALTER_TABLE_HEAD.match(text)
        if match is None:
            return
        table, actions = name(match.group(1)), text[match.end():]
        restored = [(column, _without_plain_cast(name(column), kind))
                    for column, kind in _findall(_TYPE_CHANGE, "TYPE", actions)]
        for column, kind_text in [*restored, *_modified(actions)]:
            kind = parse_type(kind_text)
            if kind is not None and "USING" not in kind_text:
                # number -1: before every statement of the migration, the type they start from
                self.types.setdefault((table, name(column)), []).insert(0, (-1, kind))

    def learn(self, text: str) -> None:
        try:
            self._learn(text)
        finally:
            self.learned += 1

    def _learn(self, text: str) -> None:
        if match := _CREATE.match(text):
            table = name(match.group(1))
            for part in _top_level_parts(match.group(2)):
                words = part.strip().split(None, 1)
                if len(words) == 2 and words[0] not in _NOT_COLUMNS:
                    kind = parse_type(words[1])
                    if kind is not None:
                        self._set_type((table, name(words[0])), kind)
            return
        if match := _INDEX.match(text):
            table = name(match.group(1))
            for column in match.group(2).split(","):
                self.indexed.setdefault((table, name(column.strip().split(" ")[0])), self.learned)
            return
        match = _ALTER.match(text)
        if match is None:
            return
        table, actions = name(match.group(1)), match.group(2)
        for column, definition in _findall(_ADD_COLUMN, "ADD", actions):
            if "NULL" in definition and "DEFAULT" in definition and re.search(r"\bNOT\s+NULL\b", definition) \
                    and re.search(r"\bDEFAULT\b", definition):
                self.not_null_with_default.add((table, name(column)))
            kind = parse_type(definition)
            if kind is not None:
                self._set_type((table, name(column)), kind)
        for column in _findall(_SET_DEFAULT, "DEFAULT", actions):
            self.defaulted.add((table, name(column)))
        made_not_null = _findall(_SET_NOT_NULL, "NULL", actions) + [
            c for c, definition in _modified(actions) if re.search(r"\bNOT\s+NULL\b", definition)
        ]
        for column in made_not_null:
            if (table, name(column)) in self.defaulted:
                self.not_null_with_default.add((table, name(column)))
        for column, definition in _modified(actions):
            kind = parse_type(definition)
            if kind is not None:
                self._set_type((table, name(column)), kind)
        for constraint, column, not_valid in _findall(_NOT_NULL_CHECK, "CHECK", actions):
            if not_valid:
                if constraint:
                    self.checks[name(constraint)] = (table, name(column))
            else:
                self.checked.setdefault((table, name(column)), self.learned)
        for constraint in _findall(_VALIDATE, "VALIDATE", actions):
            if name(constraint) in self.checks:
                self.checked.setdefault(self.checks[name(constraint)], self.learned)
        for column, new in _findall(_TYPE_CHANGE, "TYPE", actions):
            kind = parse_type(new)
            if kind is not None:
                self._set_type((table, name(column)), kind)

    def unsafe_type_changes(self, table: str, actions: str, before: int | None = None) -> list[str]:
        """Columns whose `ALTER COLUMN … TYPE` in `actions` may rewrite `table` (all of them when the old type
        is unknown, except a change to unbounded text, which only widens from the text family)."""
        until = self.learned if before is None else before
        unsafe: list[str] = []
        for column, written in _findall(_TYPE_CHANGE, "TYPE", actions):
            col = name(column)
            new_text = _without_plain_cast(col, written)
            new = parse_type(new_text)
            if new is None or re.search(r"\bUSING\b", new_text):
                unsafe.append(col)
                continue
            old = self._type((table, col), until)
            indexed = self.indexed.get((table, col), until) < until
            if old is None:
                if new.name in _UNBOUNDED_TEXT or (new.name == "varchar" and not new.args):
                    continue
                unsafe.append(col)
                continue
            if (old.name, new.name) == ("timestamp", "timestamptz") or old == new:
                continue
            old_pos, old_kw = _rails_shape(old)
            new_pos, new_kw = _rails_shape(new)
            if not widening_change(old_pos, old_kw, new_pos, new_kw, indexed):
                unsafe.append(col)
        return unsafe

    def redefined_types(self, table: str, actions: str) -> list[str]:
        """Columns a MySQL `MODIFY`/`CHANGE` gives a type other than the one declared earlier (a redefinition
        that keeps the type, e.g. to change NULL, is not a type change; an unknown old type is not judged)."""
        changed: list[str] = []
        for column, definition in _modified(actions):
            old, new = self._type((table, name(column)), self.learned), parse_type(definition)
            if old is None or new is None or old == new:
                continue
            old_pos, old_kw = _rails_shape(old)
            new_pos, new_kw = _rails_shape(new)
            if not widening_change(old_pos, old_kw, new_pos, new_kw, (table, name(column)) in self.indexed):
                changed.append(name(column))
        return changed

    def defaults_dropped_from_new_not_null(self, table: str, actions: str) -> list[str]:
        """Columns whose default `actions` drops right after adding them NOT NULL with it (what Django writes
        for a field with a Python default): the running release's inserts that leave them out then fail."""
        found = [name(c) for c in _findall(_DROP_DEFAULT, "DROP", actions)]
        return [column for column in found if (table, column) in self.not_null_with_default]

    def unchecked_not_null(self, table: str, actions: str, before: int | None = None) -> list[str]:
        """Columns `SET NOT NULL` in `actions` that no validated NOT NULL check covers."""
        until = self.learned if before is None else before
        return [
            name(c)
            for c in _findall(_SET_NOT_NULL, "NULL", actions)
            if self.checked.get((table, name(c)), until) >= until
        ]


def _top_level_parts(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ALTER_TABLE_HEAD = lazy_re(
    r"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(\"[^\"]+\"(?:\.\"[^\"]+\")?|[\w.`]+)\s+"
)
_PLAIN_CAST = lazy_re(
    r"\s+USING\s*\(?\s*(?:CAST\s*\(\s*)?(\"[^\"]+\"|\w+)\s*(?:::|\s+AS\s+)\s*(.+?)\s*$"
)


def _without_plain_cast(column: str, type_text: str) -> str:
    """`type_text` without a `USING` clause that only casts the column itself to that same type
    (`TYPE text USING ("col"::text)`, which MikroORM writes for every type change): Postgres then judges
    the change as it would without USING (no rewrite for a binary-compatible widening)."""
    if "USING" not in type_text:
        return type_text
    found = _PLAIN_CAST.search(type_text)
    if found is None or name(found.group(1)) != column:
        return type_text
    declared = type_text[:found.start()].strip()
    cast = re.sub(r"\s+", "", found.group(2))
    while cast.endswith(")") and cast.count(")") > cast.count("("):
        cast = cast[:-1]  # the parentheses around the expression or of CAST(…)
    return declared if cast == re.sub(r"\s+", "", declared) else type_text


def facts_of(statements: Iterable[_Statement], checked: Iterable[tuple[str, str]] = ()) -> SqlFacts:
    """Facts from every statement (for a PR-wide view); `checked` adds covered (table, column) pairs."""
    facts = SqlFacts()
    facts.checked.update((pair, -1) for pair in checked)
    for statement in statements:
        facts.learn(statement.text)
    return facts
