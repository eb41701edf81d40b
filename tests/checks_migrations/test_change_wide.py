"""What one migration of a change tells the checks of the others (issue 9, item 4): tables another
migration of the same change creates are new and unused, whatever framework created them, and a
validated NOT NULL check in an earlier SQL migration covers a later SET NOT NULL."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


def ctx(path: str, text: str) -> FileContext:
    return context_for_text(path, textwrap.dedent(text).lstrip("\n"))


def found(*contexts: FileContext) -> set[tuple[str, int, str]]:
    return {
        (f.path, f.line or 0, f.checklist_item)
        for f in run_checks(list(contexts), [Category.MIGRATION_SAFETY]).findings
    }


CREATORS = {
    "sql": ("db/migrations/V1__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, code text);\n"),
    "rails": (
        "db/migrate/20240101000000_create_items.rb",
        "class CreateItems < ActiveRecord::Migration[7.1]\n  def change\n    create_table :items do |t|\n"
        "      t.string :code\n    end\n  end\nend\n",
    ),
    "alembic": (
        "alembic/versions/0001_items.py",
        'from alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("items", '
        'sa.Column("id", sa.Integer()))\n\n\ndef downgrade():\n    op.drop_table("items")\n',
    ),
    "knex": (
        "db/migrations/20240101_items.js",
        "exports.up = (knex) => knex.schema.createTable('items', (t) => { t.increments(); });\n",
    ),
}
USERS = {
    "sql": ("db/migrations/V2__items_code.sql", "CREATE INDEX items_code ON items (code);\n", 1),
    "rails": (
        "db/migrate/20240102000000_index_items.rb",
        "class IndexItems < ActiveRecord::Migration[7.1]\n  def change\n    add_index :items, :code\n"
        "    add_column :items, :sku, :string, null: false\n  end\nend\n",
        3,
    ),
    "knex": (
        "db/migrations/20240102_items_code.js",
        "exports.up = (knex) => knex.schema.alterTable('items', (t) => {\n  t.index(['code']);\n});\n",
        2,
    ),
    "go": (
        "db/migrations/20240102_items_code.go",
        'package migrations\n\nfunc init() { goose.AddMigration(up, nil) }\n\nfunc up(tx *sql.Tx) error {\n'
        '\t_, err := tx.Exec("CREATE INDEX items_code ON items (code)")\n\treturn err\n}\n',
        6,
    ),
}


@pytest.mark.parametrize("creator", sorted(CREATORS))
@pytest.mark.parametrize("user", sorted(USERS))
def test_a_table_created_by_any_migration_of_the_change_is_left_alone(creator: str, user: str) -> None:
    made = ctx(*CREATORS[creator])
    path, text, line = USERS[user]
    alone = found(ctx(path, text))
    assert any(entry[:2] == (path, line) for entry in alone), alone  # flagged on its own
    assert found(made, ctx(path, text)) == set()


def test_a_create_table_shown_as_context_does_not_count() -> None:
    old = FileContext(
        "db/migrations/V1__items.sql", "sql", {1: "CREATE TABLE items (id bigint, code text);", 2: "-- more"},
        added=frozenset({2}), whole_file=True,
    )
    assert ("db/migrations/V2__items_code.sql", 1, "MIG-03") in found(old, ctx(*USERS["sql"][:2]))


def test_a_django_model_the_change_creates() -> None:
    first = ctx(
        "shop/migrations/0001_initial.py",
        """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            operations = [
                migrations.CreateModel(
                    name="Item",
                    fields=[("id", models.AutoField(primary_key=True))],
                ),
            ]
        """,
    )
    second = ctx(
        "shop/migrations/0002_item_code.py",
        """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(model_name="item", name="code", field=models.CharField(max_length=9)),
                migrations.RunSQL("CREATE INDEX shop_item_code ON shop_item (code)", migrations.RunSQL.noop),
            ]
        """,
    )
    assert {item for _, _, item in found(second)} >= {"MIG-02", "MIG-03"}
    assert found(first, second) == set()


def test_set_not_null_after_a_validated_check_in_an_earlier_migration() -> None:
    check = ctx(
        "db/migrations/V3__check.sql",
        """
        ALTER TABLE orders ADD CONSTRAINT orders_code_nn CHECK (code IS NOT NULL) NOT VALID;
        ALTER TABLE orders VALIDATE CONSTRAINT orders_code_nn;
        """,
    )
    set_nn = ctx("db/migrations/V4__not_null.sql", "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n")
    assert not_null_found(set_nn) == {("db/migrations/V4__not_null.sql", 1, "MIG-02")}
    assert not_null_found(check, set_nn) == set()
    unvalidated = ctx(
        "db/migrations/V3__check.sql",
        "ALTER TABLE orders ADD CONSTRAINT orders_code_nn CHECK (code IS NOT NULL) NOT VALID;\n",
    )
    assert not_null_found(unvalidated, set_nn) == {("db/migrations/V4__not_null.sql", 1, "MIG-02")}


def test_rails_change_column_null_after_a_check_validated_in_another_migration() -> None:
    order = ["AddCheck", "ValidateCheck", "SetNotNull"]  # the order their versions run in

    def rails(name: str, body: str) -> FileContext:
        lines = "\n".join(f"    {line}" for line in body.splitlines())
        text = f"class {name} < ActiveRecord::Migration[7.1]\n  def change\n{lines}\n  end\nend\n"
        return ctx(f"db/migrate/2024010{order.index(name) + 1}000000_{name.lower()}.rb", text)

    add = rails("AddCheck", 'add_check_constraint :orders, "code IS NOT NULL", name: "orders_code_nn", validate: false')
    validate = rails("ValidateCheck", 'validate_check_constraint :orders, name: "orders_code_nn"')
    set_nn = rails("SetNotNull", "change_column_null :orders, :code, false")
    assert {item for _, _, item in found(set_nn)} == {"MIG-02"}
    assert {item for _, _, item in found(add, set_nn)} == {"MIG-02"}  # added, never validated
    assert found(add, validate, set_nn) == set()


def test_a_join_table_is_new_but_the_tables_it_joins_are_not() -> None:
    join = ctx(
        "db/migrate/20240101000000_create_join.rb",
        """
        class CreateJoin < ActiveRecord::Migration[7.1]
          def change
            create_join_table :users, :cities
            create_join_table :users, :teams, table_name: :memberships
          end
        end
        """,
    )
    use = ctx(
        "db/migrate/20240102000000_use.rb",
        """
        class Use < ActiveRecord::Migration[7.1]
          def change
            add_index :cities_users, :user_id
            add_index :memberships, :team_id
            add_index :users, :email
          end
        end
        """,
    )
    assert {(path, line) for path, line, _item in found(join, use)} == {(use.path, 5)}


def not_null_found(*contexts: FileContext) -> set[tuple[str, int, str]]:
    """`found`, MIG-02 only: a Flyway script (`V3__x.sql`) runs in one transaction, so one that adds the check
    NOT VALID and validates it is also reported (MIG-06: the ADD's lock is held while VALIDATE scans)."""
    return {hit for hit in found(*contexts) if hit[2] == "MIG-02"}


_CHECK_SQL = """
ALTER TABLE orders ADD CONSTRAINT orders_code_nn CHECK (code IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_code_nn;
"""
_SET_NOT_NULL = "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n"


def test_a_check_validated_by_a_later_migration_does_not_cover_an_earlier_set_not_null() -> None:
    """Migrations run in version order: a check that V5 validates does not exist yet when V4 runs."""
    later = ctx("db/migrations/V5__check.sql", _CHECK_SQL)
    set_nn = ctx("db/migrations/V4__not_null.sql", _SET_NOT_NULL)
    assert not_null_found(later, set_nn) == {("db/migrations/V4__not_null.sql", 1, "MIG-02")}
    assert not_null_found(set_nn, later) == not_null_found(later, set_nn)  # the order of the diff's files does not matter
    earlier = ctx("db/migrations/V3_1__check.sql", _CHECK_SQL)
    assert not_null_found(earlier, set_nn) == set()
    timestamps = (ctx("db/migrations/20240102000000_check.sql", _CHECK_SQL),
                  ctx("db/migrations/20240101000000_not_null.sql", _SET_NOT_NULL))
    assert not_null_found(*timestamps) == {("db/migrations/20240101000000_not_null.sql", 1, "MIG-02")}


def test_without_versions_the_order_is_unknown_and_the_check_counts() -> None:
    check = ctx("db/migrations/add_check.sql", _CHECK_SQL)
    assert not_null_found(check, ctx("db/migrations/set_not_null.sql", _SET_NOT_NULL)) == set()
    assert not_null_found(check, ctx("db/migrations/V4__not_null.sql", _SET_NOT_NULL)) == set()


def test_within_one_migration_only_a_check_validated_above_counts() -> None:
    above = ctx("db/migrations/V4__x.sql", _CHECK_SQL + _SET_NOT_NULL)
    assert not_null_found(above) == set()
    assert found(above) == {("db/migrations/V4__x.sql", 2, "MIG-06")}  # validated in Flyway's one transaction
    below = ctx("db/migrations/V4__x.sql", _SET_NOT_NULL + _CHECK_SQL)
    assert not_null_found(below) == {("db/migrations/V4__x.sql", 1, "MIG-02")}
    unwrapped = ctx("db/migrations/004_x.sql", _CHECK_SQL + _SET_NOT_NULL)
    assert found(unwrapped) == set()


def _rails(path: str, body: str) -> FileContext:
    lines = "\n".join(f"    {line}" for line in body.splitlines())
    return ctx(path, f"class Step < ActiveRecord::Migration[7.1]\n  def change\n{lines}\n  end\nend\n")


def test_rails_validation_in_a_later_migration_does_not_cover_an_earlier_one() -> None:
    add = _rails("db/migrate/20240101000000_add.rb",
                 'add_check_constraint :orders, "code IS NOT NULL", name: "orders_code_nn", validate: false')
    set_nn = _rails("db/migrate/20240102000000_set.rb", "change_column_null :orders, :code, false")
    validate_later = _rails("db/migrate/20240103000000_validate.rb",
                            'validate_check_constraint :orders, name: "orders_code_nn"')
    validate_sooner = _rails("db/migrate/20240101120000_validate.rb",
                             'validate_check_constraint :orders, name: "orders_code_nn"')
    assert found(add, set_nn, validate_later) == {("db/migrate/20240102000000_set.rb", 3, "MIG-02")}
    assert found(add, set_nn, validate_sooner) == set()


def test_rails_a_check_added_validated_in_the_same_migration_counts_above_only() -> None:
    check = 'add_check_constraint :orders, "code IS NOT NULL", name: "orders_code_nn"'
    set_nn = "change_column_null :orders, :code, false"
    path = "db/migrate/20240102000000_set.rb"
    assert {(line, item) for _, line, item in found(_rails(path, f"{check}\n{set_nn}"))} == {(3, "MIG-06")}
    assert (3, "MIG-02") in {(line, item) for _, line, item in found(_rails(path, f"{set_nn}\n{check}"))}
    other = check.replace("code IS NOT NULL", "note IS NOT NULL")
    assert (4, "MIG-02") in {(line, item) for _, line, item in found(_rails(path, f"{other}\n{set_nn}"))}
    unvalidated = f"{check}, validate: false"
    assert (4, "MIG-02") in {(line, item) for _, line, item in found(_rails(path, f"{unvalidated}\n{set_nn}"))}
