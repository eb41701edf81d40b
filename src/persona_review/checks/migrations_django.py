"""Django migration checks (files under a `migrations/` folder that use `django.db.migrations`).

Operations are read from the source text, one call at a time, so a hunk that shows a single operation is
checked like the whole file. Operations on a model created by the same migration are harmless (the table
is new and empty) and are not reported, except for drops and renames.

Needs the whole file: `AddIndexConcurrently` in an atomic migration (the `atomic = False` line is
usually outside the hunk), and a later `AddDefaultValue` that keeps a database default.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks._migration_syntax import Statement, call_args, statements_matching, string_literals
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import scan_sql
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

_OPS = (
    "AddField",
    "RemoveField",
    "AlterField",
    "RenameField",
    "CreateModel",
    "DeleteModel",
    "RenameModel",
    "AlterModelTable",
    "AddIndex",
    "AddIndexConcurrently",
    "RemoveIndex",
    "RemoveIndexConcurrently",
    "AddConstraint",
    "AddConstraintNotValid",
    "AlterUniqueTogether",
    "AlterIndexTogether",
    "RunPython",
    "RunSQL",
    "AddDefaultValue",
)
_OP_START = lazy_re(rf"(?<![\w.])(?:migrations\.|operations\.)?({'|'.join(_OPS)})\s*\(")
_TRUE = lazy_re(r"^True\b")
_STATE_ONLY = lazy_re(r"\bstate_operations\s*=")

SPECS = make_specs(
    "DJANGO",
    ["python"],
    ["MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-09", "MIG-12"],
)


class _Op:
    def __init__(self, stmt: Statement) -> None:
        match = _OP_START.search(stmt.text)
        self.stmt = stmt
        self.name = match.group(1) if match else ""
        self.args, self.kwargs = call_args(stmt.text, match.start(1) if match else 0)

    def arg(self, keyword: str, position: int) -> str:
        """An argument by keyword, else by position, unquoted and lower-cased ('' if absent)."""
        value = self.kwargs.get(keyword)
        if value is None and len(self.args) > position:
            value = self.args[position]
        return (value or "").strip().strip("\"'").lower()

    @property
    def model(self) -> str:
        return self.arg("model_name", 0) if self.name != "AlterUniqueTogether" else self.arg("name", 0)

    @property
    def field(self) -> str:
        """The field expression of AddField/AlterField."""
        return self.kwargs.get("field") or (self.args[2] if len(self.args) > 2 else "")


@lru_cache(maxsize=64)
def _flag_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{name}\s*=\s*([^,)]+)")


def _field_flag(field: str, name: str) -> str | None:
    match = _flag_pattern(name).search(field) if name in field else None
    return match.group(1).strip() if match else None


def scan(ctx: FileContext) -> list[ItemHit]:
    if migration_kind(ctx) is not MigrationKind.DJANGO:
        return []
    state_only = _state_only_lines(ctx)
    ops = [_Op(stmt) for stmt in statements_matching(ctx, _OP_START) if stmt.line not in state_only]
    created = {op.arg("name", 0) for op in ops if op.name == "CreateModel"}
    parts = PurePosixPath(ctx.path).parts
    if len(parts) >= 3:  # the table of a model is `<app label>_<model>`; RunSQL names the table
        created |= {f"{parts[-3].lower()}_{model}" for model in created}
    in_change = ctx.change.created_tables
    kept_defaults = {(op.model, op.arg("name", 1)) for op in ops if op.name == "AddDefaultValue"}
    non_atomic = ctx.whole_file and re.search(r"^\s*atomic\s*=\s*False", ctx.text_of(1, max(ctx.lines)), re.M)
    hits: list[ItemHit] = []
    for op in ops:
        if op.model in in_change and op.name not in ("RunPython", "RunSQL"):
            continue  # a model another migration of the change creates: new and unused
        hits.extend(_op_hits(op, created | in_change, kept_defaults, bool(non_atomic) or not ctx.whole_file))
    return hits


def _state_only_lines(ctx: FileContext) -> set[int]:
    """Lines of `SeparateDatabaseAndState(state_operations=[...])` lists: their operations change only
    Django's idea of the models, never the database, so they neither lock nor break the running release."""
    if "state_operations" not in ctx.known_text():
        return set()
    lines: set[int] = set()
    for stmt in statements_matching(ctx, _STATE_ONLY):
        lines.update(range(stmt.line, stmt.end_line + 1))
    return lines


def _op_hits(
    op: _Op, created: set[str], kept_defaults: set[tuple[str, str]], non_atomic: bool
) -> list[ItemHit]:
    line, end = op.stmt.line, op.stmt.end_line
    name = op.name
    if name in ("RemoveField", "DeleteModel"):
        what = f"{op.model}.{op.arg('name', 1)}" if name == "RemoveField" else op.arg("name", 0)
        return [with_advice("MIG-01", line, f"{name} drops {what}.", end)]
    if name in ("RenameField", "RenameModel", "AlterModelTable"):
        return [with_advice("MIG-05", line, f"{name} renames a column or table.", end)]
    if name in ("RunPython", "RunSQL"):
        return _run_hits(op, created, non_atomic)
    if name == "AddIndexConcurrently" and not non_atomic:
        return [
            with_advice("MIG-12", line, "AddIndexConcurrently in a migration without atomic = False.", end)
        ]
    if op.model in created or name in ("CreateModel", "AddDefaultValue"):
        return []
    if name in ("AddField", "AlterField"):
        return _field_hits(op, kept_defaults)
    if name in ("AddIndex", "RemoveIndex", "AlterIndexTogether") and not _empty_together(op):
        return [with_advice("MIG-03", line, f"{name} without a concurrent operation.", end)]
    if name == "AddConstraint":
        if "CheckConstraint" in op.stmt.text:
            return [
                with_advice("MIG-06", line, "AddConstraint with a CheckConstraint validates at once.", end)
            ]
        return [with_advice("MIG-07", line, "AddConstraint builds a unique index under a lock.", end)]
    if name == "AlterUniqueTogether" and not _empty_together(op):
        return [with_advice("MIG-07", line, "AlterUniqueTogether adds a unique constraint.", end)]
    return []


def _empty_together(op: _Op) -> bool:
    if op.name not in ("AlterUniqueTogether", "AlterIndexTogether"):
        return False
    value = op.kwargs.get(op.name.removeprefix("Alter").replace("Together", "_together").lower(), "")
    value = value or (op.args[1] if len(op.args) > 1 else "")
    return re.fullmatch(r"\s*(set\(\)|\(\)|\[\]|\{\}|None)?\s*", value) is not None


def _field_hits(op: _Op, kept_defaults: set[tuple[str, str]]) -> list[ItemHit]:
    field = op.field
    line, end = op.stmt.line, op.stmt.end_line
    if "ManyToManyField" in field:
        return []
    label = f"{op.model}.{op.arg('name', 1)}"
    nullable = _TRUE.match(_field_flag(field, "null") or "") is not None
    db_default = _field_flag(field, "db_default")
    has_db_default = db_default is not None and db_default != "None"
    keeps_default = (op.model, op.arg("name", 1)) in kept_defaults
    hits: list[ItemHit] = []
    if op.name == "AddField":
        if not nullable and not has_db_default and not keeps_default and "AutoField" not in field:
            hits.append(
                with_advice(
                    "MIG-02",
                    line,
                    f"AddField {label} is NOT NULL without a database default (a Django default is applied "
                    "only while migrating, then dropped).",
                    end,
                )
            )
        elif has_db_default and re.search(r"\b(Now|Random|uuid\w*|RandomUUID|random)\b", db_default or ""):
            hits.append(with_advice("MIG-08", line, f"AddField {label} with a volatile db_default.", end))
    elif not nullable and not keeps_default:
        explicit = _field_flag(field, "null") is not None
        item = "MIG-02" if explicit else "MIG-04"
        detail = (
            f"AlterField makes {label} NOT NULL."
            if explicit
            else f"AlterField on {label} can change its type or set NOT NULL in place (check `sqlmigrate`)."
        )
        hits.append(with_advice(item, line, detail, end, None if explicit else Severity.MEDIUM))
    if _TRUE.match(_field_flag(field, "unique") or ""):
        hits.append(
            with_advice("MIG-07", line, f"{op.name} {label} with unique=True builds a unique index.", end)
        )
    elif _TRUE.match(_field_flag(field, "db_index") or "") or (
        op.name == "AddField"
        and re.search(r"\b(ForeignKey|OneToOneField)\b", field)
        and not re.search(r"db_index\s*=\s*False", field)
    ):
        hits.append(
            with_advice("MIG-03", line, f"{op.name} {label} creates an index without CONCURRENTLY.", end)
        )
    return hits


def _run_hits(op: _Op, created: set[str], non_atomic: bool) -> list[ItemHit]:
    """RunSQL's statements are read as a SQL migration's; an atomic migration (the default) runs them in
    its transaction, where CONCURRENTLY fails."""
    line, end = op.stmt.line, op.stmt.end_line
    reverse_kw = "reverse_code" if op.name == "RunPython" else "reverse_sql"
    hits: list[ItemHit] = []
    if len(op.args) < 2 and reverse_kw not in op.kwargs:
        hits.append(with_advice("MIG-09", line, f"{op.name} without {reverse_kw}.", end))
    if op.name == "RunSQL":
        sql = string_literals(op.args[0] if op.args else op.kwargs.get("sql", ""))
        runner = "" if non_atomic else "django"
        for found in scan_sql([(line, sql)], new_tables=created, runner_tx=runner):
            if found.item in SPECS:
                hits.append(with_advice(found.item, line, f"RunSQL: {found.detail}", end))
    return hits


# every file `migration_kind` reads as a Django migration names `migrations` (`_DJANGO_MARKERS`)
register_family(SPECS, scan, needs=("migrations",))
