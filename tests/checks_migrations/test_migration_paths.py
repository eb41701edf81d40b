from __future__ import annotations

import pytest

from persona_review.checks._migration_paths import MigrationKind, migration_kind, migration_version
from persona_review.contexts import context_for_text

DJANGO = "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n"
ALEMBIC = "from alembic import op\n\ndef upgrade():\n    op.drop_column('a', 'b')\n"
RAILS = (
    "class AddX < ActiveRecord::Migration[7.1]\n  def change\n    add_column :a, :b, :string\n  end\nend\n"
)


@pytest.mark.parametrize(
    ("path", "text", "kind"),
    [
        ("shop/migrations/0002_x.py", DJANGO, MigrationKind.DJANGO),
        ("alembic/versions/abc_add.py", ALEMBIC, MigrationKind.ALEMBIC),
        ("migrations/versions/abc_add.py", ALEMBIC, MigrationKind.ALEMBIC),
        ("db/migrate/20240101_add_x.rb", RAILS, MigrationKind.RAILS),
        ("db/V3__add.sql", "SELECT 1;", MigrationKind.SQL),
        ("sql/flyway/V3__add.sql", "ALTER TABLE a DROP COLUMN b;", MigrationKind.SQL),
        ("reports/cleanup.sql", "DROP INDEX a_idx;", MigrationKind.SQL),
    ],
)
def test_migrations_are_recognised(path: str, text: str, kind: MigrationKind) -> None:
    assert migration_kind(context_for_text(path, text)) is kind


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("shop/models.py", DJANGO),  # django markers, but not under migrations/
        ("shop/migrations/__init__.py", DJANGO),
        ("shop/migrations/0002_x.py", "def helper():\n    return 1\n"),  # no markers
        ("app/versions/util.py", "def upgrade(): pass\n"),  # no alembic op / revision markers
        ("lib/tasks/add_column.rb", RAILS),  # not a migrate folder
        ("db/structure.sql", "ALTER TABLE a DROP COLUMN b;"),  # a schema dump
        ("queries/report.sql", "SELECT count(*) FROM orders;"),  # no DDL, not a migration folder
    ],
)
def test_other_files_are_not_migrations(path: str, text: str) -> None:
    assert migration_kind(context_for_text(path, text)) is None


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("db/migration/V3__orders.sql", (3,)),
        ("db/migration/v1_2__orders.sql", (1, 2)),
        ("db/migration/V2.10.1__orders.sql", (2, 10, 1)),
        ("db/migrate/20240501000000_add_orders.rb", (20240501000000,)),
        ("migrations/000007_orders.up.sql", (7,)),
        ("shop/migrations/0003_item_code.py", (3,)),
        ("migrations/1714564800000-ChangeOrders.ts", (1714564800000,)),
        ("db/migration/R__views.sql", None),
        ("db/migrations/add_check.sql", None),
        ("db/migrations/2024.sql", (2024,)),
    ],
)
def test_the_version_a_migration_runs_in(path: str, version: tuple[int, ...] | None) -> None:
    assert migration_version(path) == version
