"""`t.` calls take their table from the enclosing `change_table` or `create_table` block (issue 9, item 5:
the index message showed an empty table name)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, review

PATH = "db/migrate/20240601000000_index_orders.rb"
MIGRATION = """
class IndexOrders < ActiveRecord::Migration[7.1]
  def change
    change_table :orders do |t|
      t.index :customer_id
    end
    create_table :items do |t|
      t.string :sku
      t.index :sku
    end
  end
end
"""


def test_t_index_in_change_table_names_the_table() -> None:
    (finding,) = [f for f in review(PATH, MIGRATION) if f.checklist_item == "MIG-03"]
    assert finding.line == 4
    assert "t.index on orders without algorithm: :concurrently" in finding.body


def test_t_index_inside_create_table_is_not_reported() -> None:
    assert not [f for f in review(PATH, MIGRATION) if f.line == 8]


def test_a_hunk_without_the_block_header_reports_no_t_index() -> None:
    """The block could be `create_table` (a new table, nothing to lock): an unseen block is not guessed."""
    text = MIGRATION.replace("t.index :customer_id", "t.string :note\n" + " " * 6 + "t.string :tag\n" + " " * 6
                             + "t.string :flag\n" + " " * 6 + "t.index :customer_id")
    ctx = hunk_context(PATH, text, range(7, 8), context=2)  # `change_table :orders` (line 3) not shown
    findings = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert [f for f in findings if f.checklist_item == "MIG-03"] == []
    whole = run_checks([hunk_context(PATH, text, range(7, 8), context=10)], [Category.MIGRATION_SAFETY]).findings
    (finding,) = [f for f in whole if f.checklist_item == "MIG-03"]
    assert "t.index on orders without algorithm: :concurrently" in finding.body
