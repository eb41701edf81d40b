"""SQL run by Go and Java migration code: goose Go migrations (`tx.Exec("CREATE INDEX …")`), SQL executed
from a Go file in a migrations folder, and Flyway Java migrations (`jdbcTemplate.execute("…")`,
`statement.execute(…)`).

Each string piece passed to an executing call is read by the SQL migration scanner (`migrations_sql`), line
for line. A goose migration registered with `AddMigration` (not `…NoTx`) and a Flyway Java migration that
does not turn `canExecuteInTransaction` off run in a transaction, where `CONCURRENTLY` fails.
"""

from __future__ import annotations

import re

from persona_review.checks._blocks import blocks_of
from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks._migration_syntax import reverting_lines
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._sql_strings import SqlPiece, sql_pieces
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import created_tables, scan_sql, split_statements
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

_ITEMS = ["MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-12"]
GO_SPECS = make_specs("GO-MIG", ["go"], _ITEMS)
JAVA_SPECS = make_specs("JAVA-MIG", ["java"], _ITEMS)

_GO_DOWN = lazy_re(r"^func\s+(?:\(\w+\s+\*?\w+\)\s+)?[dD]own\w*\s*\(")
_GO_FUNC = lazy_re(r"^func\s")
_LEADING_COMMENTS = lazy_re(r"^(?:\s*--[^\n]*\n|\s*/\*.*?\*/)*", re.DOTALL)
_RUNS_SQL = lazy_re(
    r"(?:^|\.)(?:Exec|ExecContext|MustExec|MustExecContext|execute|executeUpdate|executeLargeUpdate|"
    r"update|batchUpdate|addBatch|prepareStatement)$"
)
_SQL_START = lazy_re(
    r"^\s*(?:ALTER|CREATE|DROP|TRUNCATE|REINDEX|RENAME|BEGIN|COMMIT|UPDATE|DELETE)\b", re.IGNORECASE
)


_UP_FIELD = lazy_re(
    r"^(?i:(?:up|upgrade|apply|forward|migrate)(?:_?(?:sql|query|stmt|statements?|script))?"
    r"|sql|query|stmt|statements?|script|ddl):$"
)
"""The field of a hand-rolled Go migration list that holds the SQL a migration applies (`up:`, `Up:`,
`UpSQL:`; a list with one direction names it `SQL:`, `Script:` (darwin), `Query:`); its `down:` reverts and is
left alone like a goose `Down` function."""


def run_pieces(ctx: FileContext) -> list[SqlPiece]:
    """The SQL pieces `ctx` runs (passed to an executing call, or the `up` field of a Go migration list,
    and reading as SQL)."""
    return [
        piece
        for piece in sql_pieces(ctx)
        if (_RUNS_SQL.search(piece.call) or (ctx.language == "go" and _UP_FIELD.match(piece.call)))
        and _SQL_START.match(_LEADING_COMMENTS.sub("", piece.text()))
    ]


def _in_transaction(ctx: FileContext, kind: MigrationKind, piece: SqlPiece) -> bool:
    text = "\n".join(ctx.lines[no] for no in sorted(ctx.lines))
    if kind is MigrationKind.GO:
        return piece.call.startswith("tx.") or (
            re.search(r"\bgoose\.AddMigration(?:Context)?\(", text) is not None
            and "NoTx" not in text
        )
    return re.search(r"canExecuteInTransaction\s*\(\s*\)\s*\{\s*return\s+false", text) is None


def scan(ctx: FileContext) -> list[ItemHit]:
    kind = migration_kind(ctx)
    if kind not in (MigrationKind.GO, MigrationKind.JAVA):
        return []
    down = reverting_lines(ctx, _GO_DOWN, _GO_FUNC) if kind is MigrationKind.GO else set()
    pieces = [piece for piece in run_pieces(ctx) if piece.line not in down]
    created = set(ctx.change.created_tables)
    for piece in pieces:
        created |= created_tables(split_statements(piece.lines))
    specs = GO_SPECS if kind is MigrationKind.GO else JAVA_SPECS
    hits: list[ItemHit] = []
    for piece in pieces:
        lines = piece.lines
        if "CONCURRENTLY" in piece.text().upper() and _in_transaction(ctx, kind, piece):
            lines = [(piece.line, "BEGIN;"), *lines]
        for found in scan_sql(lines, new_tables=created):
            if found.item in specs:
                hits.append(with_advice(found.item, found.line, found.detail, found.end_line))
    return hits


def _scan_go(ctx: FileContext) -> list[ItemHit]:
    if ctx.language != "go":
        return []
    hits = scan(ctx)
    if migration_kind(ctx) is MigrationKind.GO:
        hits.extend(_gorm_migrator_hits(ctx))
    return hits


_GORM_MIGRATOR = lazy_re(
    r"\.Migrator\(\)\s*\.\s*(?P<op>RenameColumn|RenameTable|DropColumn|DropTable|AlterColumn|CreateIndex|"
    r"CreateConstraint)\s*\((?P<args>[^\n]*)"
)
_GO_STRING = lazy_re(r"\"((?:[^\"\\\n]|\\.)*)\"|`([^`]*)`")
"""A Go string literal (its text in group 1, or 2 for a raw one): the table, when the first argument names
it (a model such as `&Invoice{}` names none the message can show)."""
_REVERTING_FIELD = lazy_re(
    r"\b(?:Rollback|Down|Revert)\w*\s*:\s*func\b|^func\s+(?:\(\w+\s+\*?\w+\)\s+)?[dD]own"
)
"""The reverting half of a GORM migration: gormigrate's `Rollback: func(tx *gorm.DB) error {…}`, a `Down`
function or field; it is expected to undo what the forward half does."""


def _gorm_migrator_hits(ctx: FileContext) -> list[ItemHit]:
    """GORM's schema API (`tx.Migrator().RenameColumn(&Invoice{}, "amount", "amount_cents")`) run by a
    migration: each call is the DDL it issues. Renames and drops break the release still running (it reads
    the old name); `AlterColumn` rewrites the column's type (the old type is not shown); `CreateIndex` and
    `CreateConstraint` build the index or validate the key under a lock (GORM never adds `CONCURRENTLY` or
    `NOT VALID`)."""
    blocks = blocks_of(ctx)
    hits: list[ItemHit] = []
    for no in sorted(lines_containing(ctx.lines, (".Migrator()",))):
        text = ctx.lines[no]
        call = _GORM_MIGRATOR.search(text)
        if call is None or text.lstrip().startswith("//"):
            continue
        if any(_REVERTING_FIELD.search(block.header) for block in blocks.enclosing(no)):
            continue
        op = call.group("op")
        args = call.group("args")
        first = _GO_STRING.match(args.lstrip())
        table = (first.group(1) if first.group(1) is not None else first.group(2)) if first else ""
        if table and table.lower() in ctx.change.created_tables:
            continue
        on = f" on {table}" if table else ""
        shown = f"Migrator().{op}{on}"
        if op in ("RenameColumn", "RenameTable"):
            hits.append(with_advice("MIG-05", no, f"{shown}.", no))
        elif op in ("DropColumn", "DropTable"):
            hits.append(with_advice("MIG-01", no, f"{shown}.", no))
        elif op == "AlterColumn":
            detail = f"{shown}: the column's type is rebuilt in place (the old type is not shown)."
            hits.append(with_advice("MIG-04", no, detail, no, Severity.MEDIUM))
        elif op == "CreateIndex":
            hits.append(with_advice("MIG-03", no, f"{shown} builds the index without CONCURRENTLY.", no))
        else:
            hits.append(with_advice("MIG-06", no, f"{shown} validates every row at once.", no))
    return hits


def _scan_java(ctx: FileContext) -> list[ItemHit]:
    return scan(ctx) if ctx.language == "java" else []


register_family(GO_SPECS, _scan_go)
register_family(JAVA_SPECS, _scan_java)
