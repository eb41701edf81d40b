"""Rails (ActiveRecord) migration checks (`.rb` files under `db/migrate/` or a `migrations/` folder).

Each migration class is its own scope: tables it creates, whether it disables the DDL transaction, and
its `down` method (never checked itself, but read to learn a column's old type for `change_column`).
Statements inside `safety_assured` are respected (not reported), as strong_migrations does.
Index and constraint operations on a table the same class creates are not reported.

Needs the whole file: `disable_ddl_transaction!` and the `down` method are usually outside a hunk; without
them `change_column` is reported whenever the old type is unknown.
"""

from __future__ import annotations

import re

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks._rails_column_types import widening_change
from persona_review.checks._rails_scopes import DROPPING_OPS, RailsOp, Scope, name_of, scopes, sql_of
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import scan_sql
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

_DROPS = frozenset({*DROPPING_OPS, "t.remove"})
_VOLATILE = lazy_re(r"\b(gen_random_uuid|uuid_generate_v\d|random|clock_timestamp|nextval)\s*\(", re.I)

SPECS = make_specs(
    "RAILS",
    ["ruby"],
    ["MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-10",
     "MIG-12"],
)
_CONCURRENT_INDEX_OPS = frozenset(
    {"add_index", "remove_index", "drop_index", "add_reference", "add_belongs_to"}
)
_NO_TRANSACTION = lazy_re(r"^\s*(?:disable_ddl_transaction!|no_transaction\b)")
SEQUEL_MIGRATION = lazy_re(r"\b(?:Sequel|ROM::SQL)\.migration\b")
"""A Sequel migration (also ROM::SQL's, which Hanami uses): the same file layout and op names as Rails for
most steps, but `concurrently: true` / `no_transaction` / `not_valid: true` where Rails has
`algorithm: :concurrently` / `disable_ddl_transaction!` / `validate: false`."""


def scan(ctx: FileContext) -> list[ItemHit]:
    if migration_kind(ctx) is not MigrationKind.RAILS:
        return []
    hits: list[ItemHit] = []
    # Whether the file opts out of the migration transaction is only known when the whole file is shown
    # (`disable_ddl_transaction!` / Sequel's `no_transaction` sit at the top, outside most hunks).
    opted_out = not ctx.whole_file or any(_NO_TRANSACTION.match(line) for line in ctx.lines.values())
    sequel = SEQUEL_MIGRATION.search(ctx.known_text()) is not None
    for scope in scopes(ctx).values():
        if scope.schema:
            continue
        created = scope.created | ctx.change.created_tables
        for op in scope.ops:
            if op.assured or op.method == "down":
                continue
            hits.extend(_op_hits(op, scope, created, ctx.change.not_null_checked, sequel))
            if not opted_out and op.name in _CONCURRENT_INDEX_OPS and op.table not in created:
                hits.extend(_concurrent_in_tx(op))
    return hits


def _concurrent_in_tx(op: RailsOp) -> list[ItemHit]:
    """`algorithm: :concurrently` (Sequel: `concurrently: true`) in a migration that keeps the DDL
    transaction: Postgres refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction block, so the deploy
    fails at this migration."""
    text = op.stmt.text
    if ":concurrently" not in text and not op.kwargs.get("concurrently", "").startswith("true"):
        return []
    detail = (f"{op.name}{_on(op.table)} asks for a concurrent index build, but the migration runs in a "
              "transaction (no disable_ddl_transaction!).")
    return [with_advice("MIG-12", op.stmt.line, detail, op.stmt.end_line)]


def _on(table: str) -> str:
    """`on TABLE` for a message, or nothing when the table is not known (a `t.` call whose block the hunk
    does not show), so a message never names an empty table."""
    return f" on {table}" if table else ""


def _label(op: RailsOp) -> str:
    column = op.column()
    if op.table and column:
        return f"{op.table}.{column}"
    return op.table or column or "the column"


def _op_hits(
    op: RailsOp,
    scope: Scope,
    created: set[str] | frozenset[str],
    checked: frozenset[tuple[str, str]],
    sequel: bool = False,
) -> list[ItemHit]:
    line, end, name = op.stmt.line, op.stmt.end_line, op.name
    new = bool(op.table) and op.table in created
    if name in ("create_table", "create_join_table") and "force" in op.kwargs:
        return [
            with_advice(
                "MIG-01", line, f"{name} with force: drops {op.table or 'the table'} if it exists.", end
            )
        ]
    if name.startswith("t.") and op.block != "change_table":
        # inside create_table (a new, empty table), or a block the hunk does not show: nothing to lock
        return []
    if new and name != "execute":
        return []
    if name in _DROPS:
        return [with_advice("MIG-01", line, f"{name}{_on(op.table)}.", end)]
    if name.startswith("rename_") or name == "t.rename":
        return [] if name == "rename_index" else [with_advice("MIG-05", line, f"{name}{_on(op.table)}.", end)]
    if name == "execute":
        sql = sql_of(op)
        return [
            with_advice(found.item, line, f"execute: {found.detail}", end)
            for found in scan_sql([(line, sql)], new_tables=created)
            if found.item in SPECS
        ]
    if name == "change_column":
        return _change_column_hits(op, scope)
    if name == "add_column":
        return _add_column_hits(op, new)
    return _lock_hits(op, scope, checked, sequel)


def _lock_hits(
    op: RailsOp, scope: Scope, checked: frozenset[tuple[str, str]], sequel: bool = False
) -> list[ItemHit]:
    line, end, name = op.stmt.line, op.stmt.end_line, op.name
    # ActiveRecord says `algorithm: :concurrently`; Sequel's add_index/drop_index say `concurrently: true`
    concurrently = ":concurrently" in op.stmt.text or op.kwargs.get("concurrently", "").startswith("true")
    if name in ("add_index", "remove_index", "drop_index", "t.index") and not concurrently:
        option = "concurrently: true (and no_transaction)" if sequel else "algorithm: :concurrently"
        return [with_advice("MIG-03", line, f"{name}{_on(op.table)} without {option}.", end)]
    if name in ("add_reference", "add_belongs_to"):
        return _reference_hits(op)
    if name in ("add_foreign_key", "add_check_constraint", "add_constraint"):
        if op.kwargs.get("not_valid", "").startswith("true"):
            return []  # Sequel's NOT VALID: checks new rows only, validated by a later validate_constraint
        if "validate" not in op.kwargs:
            later = " (Sequel: add it with not_valid: true, then validate_constraint later)" if sequel else ""
            detail = f"{name}{_on(op.table)} validates every row at once{later}."
            return [with_advice("MIG-06", line, detail, end)]
        validator = "validate_foreign_key" if name == "add_foreign_key" else "validate_check_constraint"
        if not scope.non_transactional and any(
            o.name == validator and o.table == op.table for o in scope.ops
        ):
            detail = f"{name} validate: false is validated by {validator} in the same transaction."
            return [with_advice("MIG-06", line, detail, end)]
        return []
    if name == "add_unique_constraint" and "using_index" not in op.kwargs:
        return [
            with_advice(
                "MIG-07", line, f"add_unique_constraint{_on(op.table)} builds its index under a lock.", end
            )
        ]
    if name == "add_exclusion_constraint":
        return [
            with_advice("MIG-07", line, f"add_exclusion_constraint{_on(op.table)} builds under a lock.", end)
        ]
    if name == "change_column_null" and len(op.args) > 2 and op.args[2].strip() == "false":
        return _not_null_hits(op, scope, checked)
    if name == "set_column_not_null":
        return _not_null_hits(op, scope, checked)
    if name == "set_column_type":
        detail = (f"set_column_type {_label(op)} (its old type is not in this migration; safe only if it "
                  "widens).")
        return [with_advice("MIG-04", line, detail, end, Severity.MEDIUM)]
    return []


def _reference_hits(op: RailsOp) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    hits: list[ItemHit] = []
    index = op.kwargs.get("index", "true")
    if not index.startswith("false") and ":concurrently" not in index:
        hits.append(
            with_advice(
                "MIG-03", line, f"{op.name}{_on(op.table)} builds an index without CONCURRENTLY.", end
            )
        )
    foreign_key = op.kwargs.get("foreign_key", "false")
    if not foreign_key.startswith(("false", "nil")) and not re.search(r"validate:\s*false", foreign_key):
        hits.append(
            with_advice("MIG-06", line, f"{op.name}{_on(op.table)} adds a validated foreign key.", end)
        )
    return hits


def _not_null_hits(op: RailsOp, scope: Scope, checked: frozenset[tuple[str, str]]) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    if len(op.args) > 3:
        table = op.table or "the table"
        detail = f"change_column_null with a default backfills every row of {table} in one UPDATE."
        return [with_advice("MIG-10", line, detail, end)]
    before = [o for o in scope.ops if o.stmt.line < line]
    validated = any(
        o.name == "validate_check_constraint"
        or (o.name == "execute" and "VALIDATE CONSTRAINT" in sql_of(o).upper())
        or (o.name == "add_check_constraint" and _checks_not_null(o, op))
        for o in before
    )
    if validated or (op.table, op.column()) in checked or _helper_check_removed_after(op, scope):
        return []
    return [with_advice("MIG-02", line, f"{op.name} sets {_label(op)} NOT NULL.", end)]


def _helper_check_removed_after(op: RailsOp, scope: Scope) -> bool:
    """Does a later step of the same method remove, from the same table, a check constraint named for the
    column (`change_column_null :users, :email, false` then `remove_check_constraint :users, name:
    "users_email_null"`), one this method did not add? Those are the last steps of the safe sequence: an
    earlier migration added the `email IS NOT NULL` check unvalidated and validated it, PostgreSQL sets NOT
    NULL on that proof without a scan, and the redundant check goes."""
    column = op.column()
    if not column:
        return False
    named = re.compile(rf"(?:^|_){re.escape(column.lower())}(?:_|$)")
    added = {o.kwargs.get("name", "").strip().strip("\"':").lower()
             for o in scope.ops if o.name == "add_check_constraint" and o.method == op.method}
    for other in scope.ops:
        if other.name != "remove_check_constraint" or other.stmt.line <= op.stmt.line:
            continue
        if other.method != op.method or other.table != op.table:
            continue
        name = other.kwargs.get("name", "").strip().strip("\"':").lower()
        if name and name not in added and named.search(name):
            return True
    return False


def _checks_not_null(check: RailsOp, op: RailsOp) -> bool:
    """Whether `add_check_constraint` `check` says `op`'s column IS NOT NULL on `op`'s table, validated as
    it is added (not `validate: false`)."""
    if check.kwargs.get("validate") == "false":
        return False
    expression = check.args[1] if len(check.args) > 1 else ""
    named = re.match(r"""^\s*["']\s*\(?\s*"?(\w+)"?\s+IS\s+NOT\s+NULL""", expression, re.IGNORECASE)
    return check.table == op.table and named is not None and named.group(1).lower() == op.column()


def _add_column_hits(op: RailsOp, new: bool) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    label = _label(op)
    kind = name_of(op.args[2]) if len(op.args) > 2 else ""
    default = op.kwargs.get("default")
    if kind == "json":
        return [with_advice("MIG-00", line, f"add_column {label} as json (not jsonb).", end)]
    if kind in ("primary_key", "serial", "bigserial") or (kind == "virtual" and "stored" in op.kwargs):
        return [with_advice("MIG-08", line, f"add_column {label} as {kind} rewrites every row.", end)]
    if default is not None and _VOLATILE.search(default):
        return [with_advice("MIG-08", line, f"add_column {label} with a volatile default.", end)]
    if not new and op.kwargs.get("null", "").startswith("false") and default in (None, "nil"):
        return [with_advice("MIG-02", line, f"add_column {label} null: false without a default.", end)]
    return []


def _change_column_hits(op: RailsOp, scope: Scope) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    if op.table in scope.created:
        return []
    old = _previous_definition(op, scope)
    indexed = any(
        o.name == "add_index" and o.table == op.table and op.column() in o.stmt.text.lower()
        for o in scope.ops
        if o.stmt.line < line
    )
    label = _label(op)
    if op.kwargs.get("null", "").startswith("false") and not (
        old and old.kwargs.get("null", "").startswith("false")
    ):
        return [with_advice("MIG-02", line, f"change_column sets {label} NOT NULL.", end)]
    if old is not None and widening_change(old.args[2:], old.kwargs, op.args[2:], op.kwargs, indexed):
        return []
    if old is None:
        detail = f"change_column {label} (its old type is not in this migration; safe only if it widens)."
        return [with_advice("MIG-04", line, detail, end, Severity.MEDIUM)]
    return [with_advice("MIG-04", line, f"change_column {label} narrows or changes the type.", end)]


def _previous_definition(op: RailsOp, scope: Scope) -> RailsOp | None:
    """The column's definition before this change: the latest add_column/change_column on it earlier in
    the forward methods, else the change_column in `down` that restores it."""
    same = [o for o in scope.ops if (o.table, o.column()) == (op.table, op.column()) and o is not op]
    earlier = [
        o
        for o in same
        if o.method != "down" and o.stmt.line < op.stmt.line and o.name in ("add_column", "change_column")
    ]
    if earlier:
        return earlier[-1]
    return next((o for o in same if o.method == "down" and o.name == "change_column"), None)


register_family(SPECS, scan)
