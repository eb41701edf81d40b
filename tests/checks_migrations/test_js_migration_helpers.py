"""Knex migrations whose raw SQL sits in a helper function of the file, and knex's `??` identifier
bindings: the SQL is judged where `up` calls the helper, with the bound table names filled in."""

from __future__ import annotations

from .helpers import rules

KNEX = "db/migrations/20240601090000_index_events.js"

_HELPER = """
function addIndex(knex, indexName, tableName, columns) {
  return knex.raw(`CREATE INDEX ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
    indexName,
    tableName,
    ...columns,
  ]);
}

exports.up = async function up(knex) {
  await addIndex(knex, 'events_account_idx', 'events', ['account_id']);
};

exports.down = async function down(knex) {
  await knex.raw('DROP INDEX ??', ['events_account_idx']);
};
"""


def test_an_index_a_helper_builds_is_reported_where_up_calls_it() -> None:
    assert rules(KNEX, _HELPER) == {(10, "MIG-03")}


def test_the_concurrent_form_outside_a_transaction_stays_quiet() -> None:
    text = "exports.config = { transaction: false };\n" + _HELPER.replace("CREATE INDEX ??", "CREATE INDEX CONCURRENTLY ??")
    assert rules(KNEX, text) == set()


def test_a_table_the_migration_creates_takes_its_index_quietly() -> None:
    text = _HELPER.replace(
        "  await addIndex(", "  await knex.schema.createTable('events', (t) => { t.increments(); });\n  await addIndex(")
    assert rules(KNEX, text) == set()
    other = text.replace("'events', ['account_id']", "'payments', ['account_id']")
    assert rules(KNEX, other) == {(11, "MIG-03")}


def test_literal_identifier_bindings_name_the_table() -> None:
    direct = """
    exports.up = async function up(knex) {
      await knex.schema.createTable('audit_log', (t) => { t.increments(); t.integer('actor_id'); });
      await knex.raw('CREATE INDEX ?? ON ?? (??)', ['audit_actor_idx', 'audit_log', 'actor_id']);
      await knex.raw('CREATE INDEX ?? ON ?? (??)', ['orders_actor_idx', 'orders', 'actor_id']);
    };
    """
    assert rules(KNEX, direct) == {(4, "MIG-03")}


def test_a_helper_nothing_calls_is_read_where_it_stands() -> None:
    text = _HELPER.replace("  await addIndex(knex, 'events_account_idx', 'events', ['account_id']);\n", "")
    assert rules(KNEX, text) == {(2, "MIG-03")}
