from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, review, rules

PATH = "db/migrate/20240501000000_change_orders.rb"


def migration(body: str, header: str = "") -> str:
    lines = "\n".join(f"    {line}" for line in body.strip("\n").splitlines())
    return f"class ChangeOrders < ActiveRecord::Migration[7.1]\n{header}  def change\n{lines}\n  end\nend\n"


CASES = [
    ("remove_column :orders, :note, :string", "MIG-01", "add_column :orders, :note, :string"),
    (
        "add_column :orders, :code, :string, null: false",
        "MIG-02",
        'add_column :orders, :code, :string, null: false, default: "x"',
    ),
    ("change_column_null :orders, :code, false", "MIG-02", "change_column_null :orders, :code, true"),
    ("add_index :orders, :code", "MIG-03", "add_index :orders, :code, algorithm: :concurrently"),
    ("remove_index :orders, :code", "MIG-03", "remove_index :orders, :code, algorithm: :concurrently"),
    ("add_reference :orders, :user", "MIG-03", "add_reference :orders, :user, index: false"),
    ("change_column :orders, :total, :integer", "MIG-04", "change_column_comment :orders, :total, 'gross'"),
    ("rename_column :orders, :total, :amount", "MIG-05", "add_column :orders, :amount, :decimal"),
    ("add_foreign_key :orders, :users", "MIG-06", "add_foreign_key :orders, :users, validate: false"),
    (
        "add_check_constraint :orders, 'total > 0'",
        "MIG-06",
        "add_check_constraint :orders, 'total > 0', validate: false",
    ),
    (
        "add_unique_constraint :orders, [:code]",
        "MIG-07",
        'add_unique_constraint :orders, using_index: "orders_code_idx"',
    ),
    (
        'add_column :orders, :token, :uuid, default: "gen_random_uuid()"',
        "MIG-08",
        "add_column :orders, :flag, :boolean, default: false",
    ),
    ("change_column_null :orders, :code, false, 'x'", "MIG-10", "change_column_default :orders, :code, 'x'"),
]


@pytest.mark.parametrize(("flagged", "item", "clean"), CASES)
def test_flagged_and_near_miss(flagged: str, item: str, clean: str) -> None:
    assert (3, item) in rules(PATH, migration(flagged))
    assert rules(PATH, migration(clean, header="  disable_ddl_transaction!\n\n")) == set()


@pytest.mark.parametrize(
    ("body", "item"),
    [
        ("create_table :orders, force: :cascade do |t|\n  t.string :code\nend", "MIG-01"),
        ('add_exclusion_constraint :orders, "tstzrange(a, b) WITH &&", using: :gist', "MIG-07"),
        ("add_foreign_key :orders, :users, validate: false\nvalidate_foreign_key :orders, :users", "MIG-06"),
    ],
)
def test_more_flagged(body: str, item: str) -> None:
    assert (3, item) in rules(PATH, migration(body))


def test_validating_in_a_separate_transaction_is_fine() -> None:
    body = "add_foreign_key :orders, :users, validate: false\nvalidate_foreign_key :orders, :users"
    assert rules(PATH, migration(body, header="  disable_ddl_transaction!\n\n")) == set()
    assert rules(PATH, migration("create_table :orders do |t|\n  t.string :code\nend")) == set()


def test_safety_assured_is_respected() -> None:
    block = "safety_assured do\n  remove_column :orders, :note\nend\nsafety_assured { rename_column :orders, :a, :b }"
    assert rules(PATH, migration(block)) == set()


def test_down_is_not_checked() -> None:
    text = (
        "class AddNote < ActiveRecord::Migration[7.1]\n  def up\n    add_column :orders, :note, :text\n  end\n\n"
        "  def down\n    remove_column :orders, :note\n  end\nend\n"
    )
    assert rules(PATH, text) == set()


def test_change_column_widening_known_from_down_is_fine() -> None:
    text = (
        "class Widen < ActiveRecord::Migration[7.1]\n  def up\n    change_column :orders, :code, :string, limit: 64\n"
        "  end\n\n  def down\n    change_column :orders, :code, :string, limit: 32\n  end\nend\n"
    )
    assert rules(PATH, text) == set()
    assert rules(PATH, text.replace("limit: 64", "limit: 16")) == {(3, "MIG-04")}


def test_index_on_a_table_created_in_the_same_migration_is_fine() -> None:
    body = "create_table :carts do |t|\n  t.bigint :owner_id\nend\nadd_index :carts, :owner_id"
    assert rules(PATH, migration(body)) == set()


def test_schema_files_are_not_migrations() -> None:
    text = "ActiveRecord::Schema[7.1].define(version: 1) do\n  add_index :orders, :code\nend\n"
    assert rules("db/schema.rb", text) == set()


def test_hunk_shows_the_same_finding() -> None:
    text = migration(
        "add_column :orders, :note, :text\nremove_column :orders, :code\nadd_column :orders, :x, :text"
    )
    ctx = hunk_context(PATH, text, range(4, 5), context=1)
    found = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert [(f.line, f.checklist_item) for f in found] == [(4, "MIG-01")]
    assert rules(PATH, text) == {(4, "MIG-01")}


SEQUEL_PATH = "db/migrations/012_index_visits.rb"


def sequel_migration(options: str) -> str:
    return (
        "Sequel.migration do\n"
        "  no_transaction\n\n"
        "  up do\n"
        f"    add_index :visits, %i[site_id seen_at], name: :visits_site_seen_idx{options}\n"
        "  end\n"
        "end\n"
    )


def test_sequel_concurrently_option_is_understood() -> None:
    assert not {item for _, item in rules(SEQUEL_PATH, sequel_migration(", concurrently: true"))} & {"MIG-03"}


def test_sequel_index_without_concurrently_is_reported() -> None:
    assert (5, "MIG-03") in rules(SEQUEL_PATH, sequel_migration(""))
    assert (5, "MIG-03") in rules(SEQUEL_PATH, sequel_migration(", concurrently: false"))


def sequel_alter(body: str, down: str = "") -> str:
    """A Sequel migration whose `up` alters `orders` with `body` (one line) and whose `down` runs `down`."""
    return (
        "Sequel.migration do\n"
        "  up do\n"
        "    alter_table(:orders) do\n"
        f"      {body}\n"
        "    end\n"
        "  end\n\n"
        "  down do\n"
        "    alter_table(:orders) do\n"
        f"      {down or 'set_column_allow_null :code'}\n"
        "    end\n"
        "  end\n"
        "end\n"
    )


SEQUEL_CASES = [
    ("drop_column :note", "MIG-01", "add_column :note, String"),
    ("set_column_not_null :code", "MIG-02", "set_column_allow_null :code"),
    ("add_column :code, String, null: false", "MIG-02", 'add_column :code, String, null: false, default: "x"'),
    ("set_column_type :total, BigDecimal", "MIG-04", "set_column_default :total, 0"),
    ("rename_column :total, :amount", "MIG-05", "add_column :amount, BigDecimal"),
    ("add_foreign_key [:user_id], :users", "MIG-06", "add_foreign_key [:user_id], :users, not_valid: true"),
    (
        'add_constraint(:total_positive, Sequel.lit("total > 0"))',
        "MIG-06",
        'add_constraint(:total_positive, Sequel.lit("total > 0"), not_valid: true)',
    ),
    ("drop_index :code", "MIG-03", "drop_constraint :orders_code_check"),
]


@pytest.mark.parametrize(("flagged", "item", "clean"), SEQUEL_CASES)
def test_sequel_alter_table_calls_name_no_table(flagged: str, item: str, clean: str) -> None:
    """Inside Sequel's `alter_table(:orders) do … end` the calls take the block's table."""
    found = review(SEQUEL_PATH, sequel_alter(flagged))
    assert (4, item) in {(f.line, f.checklist_item) for f in found}
    assert "orders" in next(f.body for f in found if f.line == 4)
    assert rules(SEQUEL_PATH, sequel_alter(clean)) == set()


def test_sequel_down_block_is_not_checked() -> None:
    text = sequel_alter("add_column :note, String", down="drop_column :note")
    assert rules(SEQUEL_PATH, text) == set()


def test_sequel_foreign_key_gets_no_rails_fix() -> None:
    found = [f for f in review(SEQUEL_PATH, sequel_alter("add_foreign_key [:user_id], :users"))
             if f.checklist_item == "MIG-06"]
    assert found and "not_valid: true" in found[0].body
    assert all(f.suggested_fix is None for f in found)


def test_a_rom_migration_is_a_migration() -> None:
    text = "ROM::SQL.migration do\n  change do\n    alter_table :books do\n      drop_column :subtitle\n" \
           "    end\n  end\nend\n"
    assert rules("config/db/migrate/20261203123500_remove_subtitle.rb", text) == {(4, "MIG-01")}
