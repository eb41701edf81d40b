"""Each migration hazard across migration tools, file formats and engines, next to its safe look-alikes.

Every file under `tests/data/migration_family_variants/` names, in its first lines, `want: RULE` (the rule
must report something in the file) or `clean: RULE` (it must stay quiet there), where RULE is a check id
(`SQL-INDEX-LOCK`) or a checklist item (`MIG-03`, any tool's check for that item). It also names the path
the file has in its repository (`path: db/migrate/2026..._x.rb`), because the migration checks recognise a
migration and its tool by where it lives, and may name the database (`database: mysql`) the project runs
on. The files are written per hazard and per tool (Alembic, Django, Rails, Knex, Sequelize, TypeORM,
MikroORM, Prisma, drizzle-kit, goose, golang-migrate, atlas, dbmate, Flyway, Liquibase, gormigrate) so a
rule fitted to one tool's spelling shows up as a miss on the others, and each hazard has a correct
look-alike (a table created in the same migration, CONCURRENTLY with the tool's no-transaction switch,
NOT VALID then VALIDATE, a batched backfill, a constant default) that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category
from variant_files import read_variant, suffixes_missing_a_kind, variant_files

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "migration_family_variants"
_SUFFIXES = {".py", ".rb", ".js", ".ts", ".go", ".java", ".sql", ".xml", ".yaml", ".yml"}


def _cases() -> list[Path]:
    return variant_files(VARIANTS, _SUFFIXES)


def _reported(path: str, text: str, database: str | None) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], [Category.MIGRATION_SAFETY], database=database)
    return {f.rule_id or "" for f in outcome.findings} | {f.checklist_item for f in outcome.findings}


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_family_variant(path: Path) -> None:
    variant = read_variant(path)
    assert variant.path is not None, "variant without a path: header"
    found = _reported(variant.path, variant.text, variant.database)
    if variant.kind == "want":
        assert variant.rule in found, f"{variant.rule} not reported; got {sorted(found)}"
    else:
        assert variant.rule not in found, f"{variant.rule} reported on a safe look-alike"


def test_every_suffix_has_both_kinds() -> None:
    assert _cases(), "no variants found"
    assert suffixes_missing_a_kind(_cases()) == {}
