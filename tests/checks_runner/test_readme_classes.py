"""The README's table of classes per language names real checks, each in a column of a language it runs
on, and leaves no non-migration check out."""

from __future__ import annotations

import re
from pathlib import Path

from persona_review.checks.registry import load_all

README = Path(__file__).resolve().parents[2] / "README.md"
COLUMNS = {1: {"python"}, 2: {"javascript", "typescript"}, 3: {"go"}, 4: {"java"}, 5: {"ruby"}}
MIGRATION_FAMILIES = ("SQL-", "DJANGO-", "ALEMBIC-", "RAILS-", "JS-MIG-", "GO-MIG-", "JAVA-MIG-", "LIQUIBASE-")


def _table() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    body = text.split("<!-- classes-table: start -->", 1)[1].split("<!-- classes-table: end -->", 1)[0]
    rows = [line for line in body.strip().splitlines()[2:] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_every_listed_check_exists_and_runs_on_its_column_language() -> None:
    specs = {spec.id: spec for spec in load_all().specs()}
    listed = 0
    for row in _table():
        for column, languages in COLUMNS.items():
            for check_id in re.findall(r"\b[A-Z]+(?:-[A-Z0-9]+)+\b", row[column]):
                if check_id.endswith("-MIG"):
                    continue  # a migration family written as `JS-MIG-*`
                assert check_id in specs, f"{check_id} in the README table is not a check"
                assert languages & set(specs[check_id].languages), (check_id, row[0], sorted(languages))
                listed += 1
    assert listed > 100


def test_no_check_outside_the_migration_families_is_left_out() -> None:
    cells = " ".join(" ".join(row[1:]) for row in _table())
    named = set(re.findall(r"\b[A-Z]+(?:-[A-Z0-9]+)+\b", cells))
    missing = sorted(
        spec.id for spec in load_all().specs()
        if spec.id not in named and not spec.id.startswith(MIGRATION_FAMILIES)
    )
    assert missing == []


def test_the_readme_gives_the_number_of_checks_there_are() -> None:
    said = re.search(r"^(\d[\d,]*) checks, each with a stable id", README.read_text(encoding="utf-8"), re.M)
    assert said is not None
    assert int(said.group(1).replace(",", "")) == len(list(load_all().specs()))
