"""Liquibase changelogs written in XML or YAML: each change element (`renameColumn`, `modifyDataType`,
`addColumn`, `createIndex`, `addForeignKeyConstraint`, ...) is the DDL Liquibase issues for it, so it is
read as that SQL statement, on the element's first line, by the SQL migration scanner (`migrations_sql`).

Only the elements seen in the known lines are read (a diff's hunks are enough: an element and its
attributes sit together). A `<sql>` body is read as it is written; CONCURRENTLY in it fails inside the
transaction Liquibase opens for the changeSet unless the changelog turns that off (`runInTransaction`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import scan_sql
from persona_review.lazy_re import lazy_re

_ITEMS = ["MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-12"]
SPECS = make_specs("LIQUIBASE", ["yaml", "unknown"], _ITEMS)

_CHANGES = frozenset({
    "renameColumn", "renameTable", "modifyDataType", "dropColumn", "dropTable", "addNotNullConstraint",
    "createIndex", "addUniqueConstraint", "addForeignKeyConstraint", "addColumn", "createTable", "sql",
    "addPrimaryKey",
})
_CDATA = lazy_re(r"<!\[CDATA\[|\]\]>")
_XML_TAG = lazy_re(r"<(\w+)\b")
_XML_ATTR = lazy_re(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_YAML_CHANGE = lazy_re(r"^(\s*)-\s*(\w+)\s*:\s*$")
_YAML_KEY = lazy_re(r"""^(\s*)(?:-\s*)?(\w+)\s*:\s*(?:"([^"]*)"|'([^']*)'|([^#\s][^#]*?))?\s*(?:#.*)?$""")
_CHANGESET = lazy_re(r"<changeSet\b|^\s*-\s*changeSet\s*:")
"""The start of a changeSet, which Liquibase runs in a transaction of its own."""
_OWN_TX_OFF = lazy_re(r"""runInTransaction\s*[=:]\s*["']?false""", re.I)
_SCAN_AHEAD = 40
"""Lines read after an element's start for its attributes and columns (an element is never longer)."""


@dataclass(slots=True)
class _Change:
    kind: str
    line: int
    attrs: dict[str, str] = field(default_factory=dict)
    columns: list[dict[str, str]] = field(default_factory=list)


def _xml_changes(ctx: FileContext) -> Iterator[_Change]:
    numbers = sorted(ctx.lines)
    for index, no in enumerate(numbers):
        for tag in _XML_TAG.finditer(ctx.lines[no]):
            if tag.group(1) not in _CHANGES:
                continue
            following = (ctx.lines[n] for n in numbers[index + 1:index + _SCAN_AHEAD])
            text = "\n".join((ctx.lines[no][tag.end():], *following))
            yield _xml_element(tag.group(1), no, text)


def _xml_element(kind: str, line: int, text: str) -> _Change:
    """The element's attributes, and those of each `<column>` child with its `<constraints>`, read up to
    the end of the element (`/>` closing its own tag, or `</kind>`)."""
    head_end = text.find(">")
    head = text[: head_end if head_end >= 0 else len(text)]
    change = _Change(kind, line, _attrs(head))
    if head.endswith("/") or head_end < 0:
        return change
    closing = text.find(f"</{kind}>", head_end)
    if kind == "sql":
        if closing >= 0:  # a body cut off by the end of the known lines is not read
            change.attrs["sql"] = " ".join(_CDATA.sub(" ", text[head_end + 1:closing]).split())
        return change
    body = text[head_end: closing if closing >= 0 else len(text)]
    for child in _XML_CHILD.finditer(body):
        if child.group(1) == "column":
            change.columns.append(_attrs(child.group(2)))
        elif change.columns:
            change.columns[-1].update(_attrs(child.group(2)))
    return change


_XML_CHILD = lazy_re(r"<(column|constraints)\b([^>]*)>")


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _XML_ATTR.finditer(text)}


def _yaml_changes(ctx: FileContext) -> Iterator[_Change]:
    numbers = sorted(ctx.lines)
    for index, no in enumerate(numbers):
        head = _YAML_CHANGE.match(ctx.lines[no])
        if head is None or head.group(2) not in _CHANGES:
            continue
        change = _Change(head.group(2), no)
        indent = len(head.group(1))
        target = change.attrs
        for after in numbers[index + 1:index + _SCAN_AHEAD]:
            text = ctx.lines[after]
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            key = _YAML_KEY.match(text)
            if key is None or len(key.group(1)) <= indent:
                break
            name = key.group(2)
            value = next((v for v in key.group(3, 4, 5) if v is not None), None)
            if name == "column" and value is None:
                target = {}
                change.columns.append(target)
            elif value is not None:
                target[name] = value
        yield change


def _column_sql(column: dict[str, str]) -> str:
    parts = [column.get("name", "c"), column.get("type", "")]
    for key, quote in (("defaultValue", "'"), ("defaultValueNumeric", ""), ("defaultValueBoolean", ""),
                       ("defaultValueComputed", ""), ("defaultValueDate", "'")):
        if key in column:
            parts.append(f"DEFAULT {quote}{column[key]}{quote}")
            break
    if column.get("nullable", "").lower() == "false":
        parts.append("NOT NULL")
    if column.get("unique", "").lower() == "true":
        parts.append("UNIQUE")
    referenced = column.get("references") or column.get("referencedTableName")
    if referenced:
        # `<constraints foreignKeyName="…" references="users(id)"/>`: the column's foreign key, validated
        # as it is added unless `validateForeignKey="false"`
        parts.append(f"REFERENCES {referenced}")
        if column.get("validateForeignKey", "").lower() == "false":
            parts.append("NOT VALID")
    return " ".join(p for p in parts if p)


def _raw_sql(attrs: dict[str, str]) -> str | None:
    """The statements of a `<sql>` change (a YAML `sql:` on one line), unless it is meant for another
    database than PostgreSQL (`dbms="mysql"`) or is a block scalar this reader does not follow."""
    body = attrs.get("sql", "").strip()
    dbms = attrs.get("dbms", "").lower()
    if not body or body[0] in "|>" or (dbms and "postgres" not in dbms and "all" not in dbms):
        return None
    return body if body.endswith(";") else f"{body};"


def _sql_of(change: _Change) -> str | None:
    """The statement Liquibase issues for `change` on PostgreSQL, or None when its names are not known."""
    a = change.attrs
    if change.kind == "sql":
        return _raw_sql(a)
    table = a.get("tableName") or a.get("baseTableName")
    columns = ", ".join(c["name"] for c in change.columns if "name" in c) or a.get("columnNames", "")
    if change.kind == "renameTable":
        return f"ALTER TABLE {a.get('oldTableName')} RENAME TO {a.get('newTableName')};"
    if table is None:
        return None
    if change.kind == "renameColumn":
        return f"ALTER TABLE {table} RENAME COLUMN {a.get('oldColumnName')} TO {a.get('newColumnName')};"
    if change.kind == "modifyDataType":
        return f"ALTER TABLE {table} ALTER COLUMN {a.get('columnName')} TYPE {a.get('newDataType')};"
    if change.kind == "dropColumn":
        return f"ALTER TABLE {table} DROP COLUMN {a.get('columnName') or columns};"
    if change.kind == "dropTable":
        return f"DROP TABLE {table};"
    if change.kind == "addNotNullConstraint":
        return f"ALTER TABLE {table} ALTER COLUMN {a.get('columnName')} SET NOT NULL;"
    if change.kind == "createIndex":
        unique = "UNIQUE " if a.get("unique", "").lower() == "true" else ""
        return f"CREATE {unique}INDEX {a.get('indexName', 'ix')} ON {table} ({columns});"
    if change.kind == "addPrimaryKey":
        return f"ALTER TABLE {table} ADD CONSTRAINT {a.get('constraintName', 'pk')} PRIMARY KEY ({columns});"
    if change.kind == "addUniqueConstraint":
        return f"ALTER TABLE {table} ADD CONSTRAINT {a.get('constraintName', 'uq')} UNIQUE ({columns});"
    if change.kind == "addForeignKeyConstraint":
        unchecked = " NOT VALID" if a.get("validate", "").lower() == "false" else ""
        return (f"ALTER TABLE {table} ADD CONSTRAINT {a.get('constraintName', 'fk')} FOREIGN KEY "
                f"({a.get('baseColumnNames')}) REFERENCES {a.get('referencedTableName')} "
                f"({a.get('referencedColumnNames')}){unchecked};")
    if change.kind == "addColumn":
        adds = ", ".join(f"ADD COLUMN {_column_sql(c)}" for c in change.columns)
        return f"ALTER TABLE {table} {adds};" if adds else None
    return f"CREATE TABLE {table} (id int);"  # createTable: later changes on it are harmless


_XML_ROLLBACK_OPEN = lazy_re(r"<rollback\b(?![^>]*/>)")
_YAML_ROLLBACK = lazy_re(r"^(\s*)(?:-\s*)?rollback\s*:")


def _rollback_lines(ctx: FileContext, xml: bool) -> set[int]:
    """The lines inside a changeSet's rollback (`<rollback>...</rollback>`, a YAML `rollback:` block): they
    undo the change and run only when it is rolled back."""
    inside: set[int] = set()
    indent: int | None = None
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if xml:
            if "<rollback" in text and _XML_ROLLBACK_OPEN.search(text):
                indent = 0
            if indent is not None:
                inside.add(no)
            if "</rollback>" in text:
                indent = None
            continue
        if indent is not None and text.strip() and len(text) - len(text.lstrip()) <= indent:
            indent = None
        if indent is not None:
            inside.add(no)
        head = _YAML_ROLLBACK.match(text)
        if head is not None:
            indent = len(head.group(1))
    return inside


def scan(ctx: FileContext) -> list[ItemHit]:
    if migration_kind(ctx) is not MigrationKind.LIQUIBASE:
        return []
    xml = ctx.path.lower().endswith(".xml")
    rollback = _rollback_lines(ctx, xml)
    changes = _xml_changes(ctx) if xml else _yaml_changes(ctx)
    lines = [(change.line, sql) for change in changes
             if change.line not in rollback and (sql := _sql_of(change)) is not None]
    # Liquibase runs each changeSet in a transaction unless it says runInTransaction="false"; that is only
    # known for sure when the whole changelog is shown
    whole = ctx.whole_file or ctx.is_new_file
    in_tx = whole and not any(_OWN_TX_OFF.search(text) for text in ctx.lines.values())
    changesets = [no for no, text in ctx.lines.items() if _CHANGESET.search(text)]
    found = scan_sql(lines, new_tables=ctx.change.created_tables, runner_tx="liquibase" if in_tx else "",
                     tx_breaks=changesets)
    return [with_advice(hit.item, hit.line, hit.detail, hit.line)
            for hit in found if hit.item in SPECS and hit.line in ctx.added]


register_family(SPECS, scan)
