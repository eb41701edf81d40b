"""Alembic revision checks (`versions/*.py` files that use `op.`).

Only `upgrade()` is checked for schema hazards (a downgrade is expected to drop what upgrade added).
Index and constraint operations on a table the same upgrade creates are not reported (the table is empty
and invisible to other sessions until commit); column drops, renames, NOT NULL and type changes are.
A check constraint or foreign key added after the same upgrade adds a NOT NULL column without a server
default to that table is not reported as a validation scan: that column already fails on any existing row
(reported itself), so the constraint can only ever validate an empty table.
Raw SQL in `op.execute(...)` goes through the built-in SQL scanner.

Needs the whole file: a missing `downgrade()` (an empty one is found in a hunk too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks._migration_syntax import (
    Statement,
    call_args,
    first_string,
    line_of,
    statements_matching,
    string_literals,
    top_level_defs,
)
from persona_review.checks._sql_facts import SqlType, only_widens
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import scan_sql
from persona_review.lazy_re import lazy_re

_OPS = (
    "add_column",
    "drop_column",
    "alter_column",
    "create_table",
    "drop_table",
    "rename_table",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "execute",
)
_OP_START = lazy_re(rf"(?<![\w.])(?:op|\w*batch\w*)\.({'|'.join(_OPS)})\s*\(")
_BATCH = lazy_re(r"batch_alter_table\(\s*['\"]([\w.]+)['\"]")
_TRUE = lazy_re(r"^True\b")
_VOLATILE = lazy_re(r"\b(gen_random_uuid|uuid_generate_v\d|random|clock_timestamp|nextval)\s*\(", re.I)
_AUTOCOMMIT_BLOCK = lazy_re(r"^(\s*)(?:async\s+)?with\b.*\bautocommit_block\s*\(")
_OUT_OF_TRANSACTION = lazy_re(
    r"isolation_level|transactional_ddl|transaction_per_migration|execute\(\s*[\"'](?:COMMIT|END)\b", re.I
)

SPECS = make_specs(
    "ALEMBIC",
    ["python"],
    ["MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-09",
     "MIG-12"],
)


class _Op:
    def __init__(self, ctx: FileContext, stmt: Statement) -> None:
        match = _OP_START.search(stmt.text)
        self.stmt = stmt
        self.name = match.group(1) if match else ""
        self.batch = bool(match and not match.group(0).startswith("op."))
        self.args, self.kwargs = call_args(stmt.text, match.start(1) if match else 0)
        self.table = self._table(ctx)

    def _table(self, ctx: FileContext) -> str:
        if self.batch:
            for no in range(self.stmt.line, min(ctx.lines, default=1) - 1, -1):
                found = _BATCH.search(ctx.lines.get(no, ""))
                if found:
                    return found.group(1).lower()
            return ""
        position = {
            "create_index": 1,
            "create_unique_constraint": 1,
            "create_foreign_key": 1,
            "create_check_constraint": 1,
        }.get(self.name, 0)
        value = self.kwargs.get("table_name") or self.kwargs.get("source_table")
        if value is None and len(self.args) > position:
            value = self.args[position]
        return (value or "").strip().strip("\"'").lower()

    def flag(self, keyword: str) -> bool:
        return _TRUE.match(self.kwargs.get(keyword, "")) is not None


def scan(ctx: FileContext) -> list[ItemHit]:
    if migration_kind(ctx) is not MigrationKind.ALEMBIC:
        return []
    owners = top_level_defs(ctx)
    ops = [
        _Op(ctx, stmt)
        for stmt in statements_matching(ctx, _OP_START)
        if not owners.get(stmt.line, "").startswith("downgrade")
    ]
    created = {op.table for op in ops if op.name == "create_table"} | ctx.change.created_tables
    hits: list[ItemHit] = []
    must_be_empty: set[str] = set()
    for op in ops:
        if op.table in ctx.change.created_tables and op.name != "execute":
            continue  # a table another migration of the change creates: new and unused
        found = _op_hits(op, created)
        if op.table in must_be_empty:  # the NOT NULL column above fails on any row: nothing to validate
            found = [hit for hit in found if hit.item != "MIG-06"]
        hits.extend(found)
        if op.name == "add_column" and any(hit.item == "MIG-02" for hit in found):
            must_be_empty.add(op.table)
    hits.extend(_downgrade_hits(ctx))
    hits.extend(_concurrent_in_transaction(ctx, ops, owners, created))
    return hits


def _autocommit_lines(ctx: FileContext) -> set[int]:
    """Lines inside a `with op.get_context().autocommit_block():` block (by indentation)."""
    inside: set[int] = set()
    depth: int | None = None
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip())
        if depth is not None and indent > depth:
            inside.add(no)
            continue
        depth = None
        opener = _AUTOCOMMIT_BLOCK.match(text)
        if opener:
            depth = len(opener.group(1))
    return inside


def _concurrent_in_transaction(
    ctx: FileContext, ops: list[_Op], owners: dict[int, str], created: set[str]
) -> list[ItemHit]:
    """A concurrent index operation written straight in `upgrade()` outside `autocommit_block()`: Alembic
    runs the revision in a transaction, where Postgres refuses CONCURRENTLY, so the upgrade fails. Only on
    the whole file (the block and any opt-out are usually outside a hunk), and not when the file leaves the
    transaction some other way (an isolation level, a COMMIT) or the op sits in a helper."""
    if not ctx.whole_file or any(_OUT_OF_TRANSACTION.search(line) for line in ctx.lines.values()):
        return []
    free = _autocommit_lines(ctx)
    helpers = {owners.get(no, "") for no in sorted(ctx.lines) if _AUTOCOMMIT_BLOCK.match(ctx.lines[no])}
    if helpers - {"upgrade", "downgrade", ""}:
        return []  # a helper opens the block and runs what it is given there: the ops may run through it
    hits: list[ItemHit] = []
    for op in ops:
        if not owners.get(op.stmt.line, "").startswith("upgrade") or op.stmt.line in free:
            continue
        if op.table in created:
            continue
        if op.name in ("create_index", "drop_index") and op.flag("postgresql_concurrently"):
            detail = (f"op.{op.name} on {op.table} with postgresql_concurrently=True outside "
                      "autocommit_block().")
        elif op.name == "execute" and re.search(r"\bCONCURRENTLY\b", op.stmt.text, re.I):
            detail = "op.execute runs a CONCURRENTLY statement outside autocommit_block()."
        else:
            continue
        hits.append(with_advice("MIG-12", op.stmt.line, detail, op.stmt.end_line))
    return hits


def _op_hits(op: _Op, created: set[str]) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    name, table = op.name, op.table
    new = table in created
    if name in ("drop_column", "drop_table"):
        return [with_advice("MIG-01", line, f"op.{name} on {table}.", end)]
    if name == "rename_table":
        return [with_advice("MIG-05", line, f"op.rename_table {table}.", end)]
    if name == "execute":
        sql = string_literals(op.args[0] if op.args else op.kwargs.get("sqltext", ""))
        return [
            with_advice(found.item, line, f"op.execute: {found.detail}", end)
            for found in scan_sql([(line, sql)], new_tables=created)
            if found.item in SPECS
        ]
    if name == "alter_column":
        return _alter_hits(op)
    if name == "add_column":
        return _add_column_hits(op, new)
    if new:
        return []
    if name in ("create_index", "drop_index") and not op.flag("postgresql_concurrently"):
        return [
            with_advice("MIG-03", line, f"op.{name} on {table} without postgresql_concurrently=True.", end)
        ]
    if name == "create_unique_constraint":
        return [with_advice("MIG-07", line, f"op.create_unique_constraint on {table}.", end)]
    if name in ("create_foreign_key", "create_check_constraint") and not op.flag("postgresql_not_valid"):
        return [with_advice("MIG-06", line, f"op.{name} on {table} without postgresql_not_valid=True.", end)]
    return []


_SQLA_TYPE = lazy_re(r"^(?:(?:sa|sqlalchemy|types|postgresql|mysql)\.)*(\w+)\s*(?:\((.*)\))?\s*$", re.S)
_SQLA_NAMES = {
    "string": "varchar", "varchar": "varchar", "unicode": "varchar", "nvarchar": "varchar",
    "text": "text", "unicodetext": "text", "citext": "citext",
    "numeric": "numeric", "decimal": "numeric",
}


def _sqla_type(expr: str) -> SqlType | None:
    """A SQLAlchemy type expression (`sa.String(length=255)`, `sa.Text()`, `sa.Numeric(12, 2)`) as the SQL
    type it stands for; None for any other type or a shape not read here."""
    match = _SQLA_TYPE.match(expr.strip())
    if match is None or match.group(1).lower() not in _SQLA_NAMES:
        return None
    args: list[int] = []
    for part in (match.group(2) or "").split(","):
        value = part.split("=", 1)[-1].strip()
        if not value:
            continue
        if not value.isdigit():
            return None  # a collation, a variable, ...: not read
        args.append(int(value))
    return SqlType(_SQLA_NAMES[match.group(1).lower()], tuple(args))


def _widens(op: _Op) -> bool:
    """alter_column's `type_` only widens its `existing_type` (both named in the call), so Postgres keeps
    the rows as they are."""
    old = _sqla_type(op.kwargs.get("existing_type", ""))
    new = _sqla_type(op.kwargs.get("type_", ""))
    return old is not None and new is not None and only_widens(old, new)


def _alter_hits(op: _Op) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    label = f"{op.table}.{first_string(op.args[1]) if len(op.args) > 1 else '?'}"
    hits: list[ItemHit] = []
    if op.kwargs.get("nullable", "").startswith("False"):
        at = line_of(op.stmt, r"nullable\s*=\s*False")
        hits.append(with_advice("MIG-02", at, f"alter_column sets {label} NOT NULL.", end))
    if "type_" in op.kwargs and not _widens(op):
        hits.append(with_advice("MIG-04", line, f"alter_column changes the type of {label}.", end))
    if "new_column_name" in op.kwargs:
        hits.append(with_advice("MIG-05", line, f"alter_column renames {label}.", end))
    return hits


_SERVER_DEFAULT = lazy_re(r"server_default\s*=\s*(.+)")
_JSON_COLUMN = lazy_re(r"\b(?:sa\.|sqlalchemy\.|postgresql\.)?JSON\s*\(")
_NOT_NULLABLE = lazy_re(r"nullable\s*=\s*False")
_INDEXED = lazy_re(r"\b(unique|index)\s*=\s*True")


def _add_column_hits(op: _Op, new_table: bool) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    column = op.stmt.text
    default = _SERVER_DEFAULT.search(column)
    hits: list[ItemHit] = []
    if _JSON_COLUMN.search(column):
        hits.append(with_advice("MIG-00", line, f"add_column on {op.table}: a json column (not JSONB).", end))
    if _NOT_NULLABLE.search(column) and not default:
        at = line_of(op.stmt, r"nullable\s*=\s*False")
        hits.append(
            with_advice("MIG-02", at, f"add_column on {op.table}: NOT NULL without server_default.", end)
        )
    if default and _VOLATILE.search(default.group(1)):
        hits.append(
            with_advice("MIG-08", line, f"add_column on {op.table} with a volatile server_default.", end)
        )
    if not new_table and _INDEXED.search(column):
        hits.append(
            with_advice("MIG-03", line, f"add_column on {op.table} builds an index under a lock.", end)
        )
    return hits


def _downgrade_hits(ctx: FileContext) -> list[ItemHit]:
    text = ctx.lines
    upgrade = next((no for no in sorted(text) if text[no].startswith("def upgrade(")), None)
    downgrade = next((no for no in sorted(text) if text[no].startswith("def downgrade(")), None)
    if downgrade is None:
        if ctx.whole_file and upgrade is not None:
            return [with_advice("MIG-09", upgrade, "The revision has no downgrade().")]
        return []
    body: list[str] = []
    for no in range(downgrade + 1, downgrade + 200):
        line = text.get(no)
        if line is None:
            if ctx.whole_file:
                break
            return []  # the end of the function is not visible
        if line.strip() and not line.startswith((" ", "\t")):
            break
        body.append(line.strip())
    code = [b for b in body if b and not b.startswith(("#", '"""', "'''"))]
    if code and all(b in ("pass", "...") for b in code):
        if upgrade is not None and _schema_untouched(text, upgrade):
            return []  # data only (or an enum value PostgreSQL cannot take back): the old code runs on it
        return [with_advice("MIG-09", downgrade, "downgrade() does nothing.")]
    return []


_OP_CALL = lazy_re(r"\bop\.(\w+)\s*\(")
_DATA_OPS = frozenset({"execute", "get_bind", "get_context", "bulk_insert", "inline_literal", "f"})
"""Alembic `op` calls that leave the schema as it was (run SQL, read the connection, insert rows)."""
_DDL = lazy_re(r"\b(?:CREATE|ALTER|DROP|RENAME|TRUNCATE|COMMENT\s+ON)\b", re.IGNORECASE)
_ENUM_VALUE = lazy_re(r"\bALTER\s+TYPE\s+[\w.\"]+\s+ADD\s+VALUE\b", re.IGNORECASE)


def _schema_untouched(text: Mapping[int, str], upgrade: int) -> bool:
    """Does `upgrade()` (all of it in view) leave the schema as the previous revision had it: only `op`
    calls that run SQL or insert rows, and SQL that writes data (`UPDATE`, `INSERT`) or adds an enum value
    (`ALTER TYPE ... ADD VALUE`, which PostgreSQL cannot remove, and which old code never sends)? Then a
    downgrade that does nothing takes the schema back as far as it can go: the data-only change stays and
    the previous code runs on it."""
    body: list[str] = []
    for no in range(upgrade + 1, upgrade + 400):
        line = text.get(no)
        if line is None:
            return False  # the end of the function is not visible
        if line.strip() and not line.startswith((" ", "\t", ")", '"', "'")):
            break
        body.append(line)
    else:
        return False
    code = "\n".join(body)
    if not code.strip() or any(m.group(1) not in _DATA_OPS for m in _OP_CALL.finditer(code)):
        return False
    return _DDL.search(_ENUM_VALUE.sub("", code)) is None


# every revision `migration_kind` reads as Alembic holds one of its markers (`_ALEMBIC_MARKERS`)
register_family(SPECS, scan, needs=("alembic", "down_revision", " op.", "\top.", "_op."))
